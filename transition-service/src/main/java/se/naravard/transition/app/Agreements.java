package se.naravard.transition.app;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.transition.Outcome;
import se.naravard.transition.agreement.AgreementLoader;
import se.naravard.transition.agreement.CountyAgreement;

/**
 * The county agreements on payment liability in force: one default and optional overrides per
 * kommun. Loaded and checked at start-up: a broken agreement file stops the service with every
 * refusal listed, rather than producing wrong invoices later.
 */
@Singleton
public class Agreements {

    private final CountyAgreement fallback;
    private final Map<String, CountyAgreement> byKommun = new LinkedHashMap<>();

    public Agreements(TransitionSettings settings) {
        this.fallback = load(settings.getAgreement());
        settings.getAgreementByKommun().forEach((kommun, location) -> {
            Kommunkod code = Kommunkod.of(kommun);
            byKommun.put(code.value(), load(location));
        });
    }

    /** The agreement that applies to patients resident in {@code kommun}. */
    public CountyAgreement forKommun(String kommun) {
        return byKommun.getOrDefault(kommun, fallback);
    }

    static CountyAgreement load(String location) {
        Outcome<CountyAgreement> outcome;
        if (location.startsWith("classpath:")) {
            outcome = AgreementLoader.fromResource(location.substring("classpath:".length()));
        } else {
            try (var reader = Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8)) {
                outcome = AgreementLoader.fromReader(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the county agreement " + location, e);
            }
        }
        if (outcome.kind() == Outcome.Kind.REFUSED) {
            throw new IllegalStateException(
                    "the county agreement " + location + " is not valid: " + outcome.rejections());
        }
        return outcome.orElseThrow();
    }
}
