package se.naravard.sip.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SIP model is plain Java (STYLE.md §2 "Domain in plain Java"). */
class ModelArchitectureTest {

    @Test
    void the_model_imports_no_framework() {
        var model = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.sip.model");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "javax..",
                        "com.fasterxml.jackson..",
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.kafka..",
                        "ca.uhn.fhir..",
                        "org.hl7.fhir..")
                .check(model);
    }
}
