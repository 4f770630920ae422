package se.naravard.infra;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts the JVM-wide {@link TestInfra} before a test class and injects
 * {@link TestInfra}, {@link PostgresHandle} and {@link KafkaHandle} into constructors, lifecycle
 * methods and test methods.
 *
 * <p>After the class, a broker that the class left stopped is started again, so one failed outage
 * test cannot break every test class that runs after it in the same JVM.
 *
 * <p>Usually applied through {@link WithRealInfra}.
 */
public final class InfraExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Set<Class<?>> SUPPORTED = Set.of(TestInfra.class, PostgresHandle.class, KafkaHandle.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfra.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        KafkaHandle kafka = TestInfra.get().kafka();
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return SUPPORTED.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestInfra infra = TestInfra.get();
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PostgresHandle.class) {
            return infra.postgres();
        }
        if (type == KafkaHandle.class) {
            return infra.kafka();
        }
        return infra;
    }
}
