package se.naravard.sip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of STYLE.md §2 and ARCHITECTURE.md, for sip-service. */
class ArchitectureTest {

    static JavaClasses service;

    @BeforeAll
    static void importClasses() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.sip");
    }

    @Test
    void the_domain_imports_no_framework_database_broker_or_fhir_library() {
        noClasses()
                .that()
                .resideInAnyPackage("se.naravard.sip.model..", "se.naravard.sip.callin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "java.sql..",
                        "javax.sql..",
                        "org.apache.kafka..",
                        "io.cloudevents..",
                        "ca.uhn.fhir..",
                        "org.hl7.fhir..")
                .check(service);
    }

    @Test
    void the_service_depends_on_no_other_service_and_on_no_test_infrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.naravard.contract..",
                        "se.naravard.transition..",
                        "se.naravard.gateway..",
                        "se.naravard.infra..")
                .check(service);
    }

    @Test
    void features_have_no_cycles() {
        slices().matching("se.naravard.sip.(*)..").should().beFreeOfCycles().check(service);
    }

    @Test
    void the_web_edge_never_touches_the_store() {
        noClasses()
                .that()
                .resideInAPackage("se.naravard.sip.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("se.naravard.sip.store..")
                .check(service);
    }
}
