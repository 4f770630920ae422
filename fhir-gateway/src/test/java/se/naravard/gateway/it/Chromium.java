package se.naravard.gateway.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} package ({@code /usr/bin/chromium},
 * or the path in {@code CHROMIUM}) driven by Playwright's Java binding, which never downloads a browser
 * here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}). Without the browser a test fails, naming the
 * package to install: a browser test that skips would pass without testing anything.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    /** No sandbox (CI runs as root), no GPU, nothing that calls home. */
    static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new AssertionError("No Chromium at " + EXECUTABLE + ": the browser tests need Debian's chromium"
                    + " package (apt-get install -y chromium; .ci/run installs it), or CHROMIUM=<path to a Chromium>");
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(EXECUTABLE)
                            .setHeadless(true)
                            .setArgs(FLAGS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh profile with a phone's screen, in Swedish, on Swedish time. */
    BrowserContext phone() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setLocale("sv-SE")
                .setTimezoneId("Europe/Stockholm"));
        context.setDefaultTimeout(30_000);
        // What the page logs (errors above all) goes to the test's output.
        context.onConsoleMessage(m -> System.out.println("[chromium] " + m.type() + ": " + m.text()));
        return context;
    }

    /** A fresh profile with a desktop screen (the managers' dashboard), in Swedish, on Swedish time. */
    BrowserContext desktop() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1200, 900)
                .setLocale("sv-SE")
                .setTimezoneId("Europe/Stockholm"));
        context.setDefaultTimeout(30_000);
        context.onConsoleMessage(m -> System.out.println("[chromium] " + m.type() + ": " + m.text()));
        return context;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
