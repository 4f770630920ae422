package se.naravard.transition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The transition rules are plain Java (STYLE.md §2 "Domain in plain Java"). */
class ArchitectureTest {

    @Test
    void the_main_code_imports_no_framework() {
        var main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.transition");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "javax..",
                        "com.fasterxml.jackson..",
                        "java.sql..",
                        "org.apache.kafka..",
                        "ca.uhn.fhir..",
                        "org.hl7.fhir..")
                .check(main);
    }
}
