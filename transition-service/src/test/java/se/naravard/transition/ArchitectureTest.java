package se.naravard.transition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of STYLE.md §2 and ARCHITECTURE.md, for transition-service. */
class ArchitectureTest {

    /** The rules: plain Java, testable without a framework (STYLE.md §2 "Domain in plain Java"). */
    static final String[] DOMAIN = {
        "se.naravard.transition",
        "se.naravard.transition.agreement..",
        "se.naravard.transition.calendar..",
        "se.naravard.transition.deadline..",
        "se.naravard.transition.episode..",
        "se.naravard.transition.liability.."
    };

    static JavaClasses service;

    @BeforeAll
    static void importClasses() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.transition");
    }

    @Test
    void the_rules_import_no_framework_database_broker_or_fhir_library() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "javax..",
                        "com.fasterxml.jackson..",
                        "java.sql..",
                        "org.apache.kafka..",
                        "io.cloudevents..",
                        "ca.uhn.fhir..",
                        "org.hl7.fhir..")
                .check(service);
    }

    @Test
    void the_rules_do_not_reach_into_the_service_layers() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.naravard.transition.app..",
                        "se.naravard.transition.web..",
                        "se.naravard.transition.store..",
                        "se.naravard.transition.events..",
                        "se.naravard.transition.document..")
                .check(service);
    }

    @Test
    void the_service_depends_on_no_other_service_and_on_no_test_infrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.naravard.sip..", "se.naravard.contract..", "se.naravard.gateway..", "se.naravard.infra..")
                .check(service);
    }

    @Test
    void features_have_no_cycles() {
        slices().matching("se.naravard.transition.(*)..")
                .should()
                .beFreeOfCycles()
                .check(service);
    }

    @Test
    void the_web_edge_never_touches_the_store() {
        noClasses()
                .that()
                .resideInAPackage("se.naravard.transition.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("se.naravard.transition.store..")
                .check(service);
    }
}
