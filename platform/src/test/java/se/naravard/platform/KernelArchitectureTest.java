package se.naravard.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared kernel's value objects are plain Java; only its runtime package knows Micronaut. */
class KernelArchitectureTest {

    @Test
    void identifiers_and_rejections_import_no_framework() {
        var kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.platform");
        noClasses()
                .that()
                .resideInAnyPackage("se.naravard.platform.identity..", "se.naravard.platform.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.kafka..",
                        "ca.uhn.fhir..")
                .check(kernel);
    }

    @Test
    void only_the_runtime_and_web_packages_know_micronaut() {
        var kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.platform");
        noClasses()
                .that()
                .resideOutsideOfPackages("se.naravard.platform.runtime..", "se.naravard.platform.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.micronaut..")
                .check(kernel);
    }
}
