package se.naravard.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * axe-core (the copy inside Deque's {@code com.deque.html.axe-core:playwright} jar) run in a page for the
 * WCAG 2.0/2.1 A and AA rules. It is evaluated through the DevTools protocol, which a page's content
 * security policy does not restrict, so the page under test keeps its own strict policy.
 */
final class Axe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = load();

    /** One violation: the rule, its impact and the elements it found. */
    record Violation(String rule, String impact, String help, List<String> targets) {
        boolean seriousOrCritical() {
            return Set.of("serious", "critical").contains(impact);
        }
    }

    private Axe() {}

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException(
                        "axe.min.js is not on the test classpath (com.deque.html.axe-core:playwright)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Violation> run(Page page) {
        if (!(Boolean) page.evaluate("() => !!window.axe")) {
            page.evaluate(SOURCE); // a script, evaluated as such: defines window.axe
        }
        String result = (String)
                page.evaluate(
                        """
                async () => JSON.stringify((await axe.run(document, {
                  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
                })).violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.map(n => n.target.join(' '))})))""");
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : JSON.readTree(result)) {
                List<String> targets = new ArrayList<>();
                v.get("targets").forEach(t -> targets.add(t.asText()));
                violations.add(new Violation(
                        v.get("rule").asText(),
                        v.path("impact").asText(),
                        v.get("help").asText(),
                        targets));
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
