package se.naravard.transition.agreement;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The shipped example agreements, and their properties for tests that spoil one key at a time. */
public final class TestAgreements {

    public static final String DEFAULT = "agreements/default-3-calendar-days.properties";
    public static final String STOCKHOLM = "agreements/stockholm-like-2-days.properties";

    private TestAgreements() {}

    public static CountyAgreement defaultAgreement() {
        return AgreementLoader.fromResource(DEFAULT).orElseThrow();
    }

    public static CountyAgreement stockholmLike() {
        return AgreementLoader.fromResource(STOCKHOLM).orElseThrow();
    }

    /** The example agreement's properties, to change before loading. */
    public static Properties properties(String resource) {
        var properties = new Properties();
        try (var in = new InputStreamReader(
                TestAgreements.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The Stockholm-like agreement with some keys changed, e.g. {@code "dayZero", "false"}. */
    public static CountyAgreement stockholmWith(String... keyValues) {
        var properties = properties(STOCKHOLM);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return AgreementLoader.fromProperties(properties).orElseThrow();
    }
}
