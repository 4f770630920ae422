package se.naravard.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway owns no clinical data (ARCHITECTURE.md): it reaches the services only through their APIs;
 * its own database holds the access log.
 */
class ArchitectureTest {

    static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.naravard.gateway");
    }

    @Test
    void the_gateway_depends_on_no_service_module_and_on_no_test_or_local_infrastructure() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.naravard.contract..",
                        "se.naravard.sip..",
                        "se.naravard.transition..",
                        "se.naravard.infra..",
                        "se.naravard.local..")
                .check(gateway);
    }

    @Test
    void the_gateway_reads_no_services_tables_and_only_its_own_stores_touch_its_own_database() {
        // Its own stores: the access log (audit), the patients' spärrar (block), the follow-up store,
        // the subscriptions.
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "se.naravard.gateway.audit..",
                        "se.naravard.gateway.block..",
                        "se.naravard.gateway.followup..",
                        "se.naravard.gateway.server..",
                        "se.naravard.gateway.subscription..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "io.micronaut.data..", "io.micronaut.jdbc..")
                .check(gateway);
        // The platform's consumers (EventConsumers) feed the follow-up store; nothing else of its runtime.
        noClasses()
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "org.flywaydb..",
                                "org.postgresql..",
                                "se.naravard.platform.outbox..",
                                "se.naravard.platform.runtime..")
                        .and(DescribedPredicate.not(
                                JavaClass.Predicates.equivalentTo(se.naravard.platform.runtime.EventConsumers.class))))
                .check(gateway);
    }

    @Test
    void mappers_are_plain_java_without_the_web_frameworks() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Mapper")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "jakarta..", "org.eclipse.jetty..", "ca.uhn.fhir.rest..")
                .check(gateway);
    }

    @Test
    void features_have_no_cycles() {
        slices().matching("se.naravard.gateway.(*)..").should().beFreeOfCycles().check(gateway);
    }
}
