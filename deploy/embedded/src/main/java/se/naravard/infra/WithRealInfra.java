package se.naravard.infra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real PostgreSQL and Kafka: the shared {@link TestInfra} is
 * started before the class and its handles can be declared as parameters.
 *
 * <pre>{@code
 * @WithRealInfra
 * class OrderRepositoryIT {
 *     @Test
 *     void stores(PostgresHandle postgres, KafkaHandle kafka) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(InfraExtension.class)
public @interface WithRealInfra {}
