package se.naravard.gateway.citizen;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The citizen's page "Mitt patientkontrakt" at {@value #PATH}: three static files (HTML, CSS, JS)
 * from the classpath ({@code citizen/}), held in memory, served on the FHIR port so that the page
 * calls {@code /fhir} from its own origin (no CORS) with the citizen's bearer token, like any FHIR
 * client: it has no other way to data. Everything it answers carries the same strict headers: a
 * content security policy without inline script or style and with {@code frame-ancestors 'none'},
 * {@code nosniff}, no caching, no referrer. Anything but the three files is 404. The managers'
 * dashboard (followup.DashboardPage) is served the same way from its own directory.
 */
public class CitizenPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the page is served, on the FHIR port. */
    public static final String PATH = "/min-plan/";

    /** The page's content security policy: its own scripts, styles and FHIR calls, nothing else. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");

    private record File(String contentType, byte[] bytes) {}

    private final transient Map<String, File> files = new LinkedHashMap<>();
    private final String pagePath;

    public CitizenPage() {
        this("citizen", PATH);
    }

    /**
     * A page of the same three files ({@code index.html}, {@code app.js}, {@code style.css}) from the
     * classpath directory {@code directory}, served at {@code path} (ending in a slash).
     */
    protected CitizenPage(String directory, String path) {
        this.pagePath = path;
        files.put("", load(directory, "index.html", "text/html;charset=utf-8"));
        files.put("index.html", files.get(""));
        files.put("app.js", load(directory, "app.js", "text/javascript;charset=utf-8"));
        files.put("style.css", load(directory, "style.css", "text/css;charset=utf-8"));
    }

    private static File load(String directory, String name, String contentType) {
        try (InputStream in = CitizenPage.class.getResourceAsStream("/" + directory + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + directory + "/" + name + " is not on the classpath");
            }
            return new File(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected final void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        HEADERS.forEach(response::setHeader);
        String path = request.getPathInfo();
        if (path == null) {
            // /min-plan without the slash: the page's relative links need the directory.
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", pagePath);
            return;
        }
        File file = files.get(path.startsWith("/") ? path.substring(1) : path);
        if (file == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=utf-8");
            if (body) {
                response.getOutputStream().write("Finns inte.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(file.contentType());
        response.setContentLength(file.bytes().length);
        if (body) {
            response.getOutputStream().write(file.bytes());
        }
    }
}
