package se.naravard.platform.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own token for the internal APIs of other services, read from a file that the platform
 * keeps renewed (docs/operations.md "Service credentials"): in production a token agent beside the
 * service (a sidecar or the orchestrator's projected token, after a client credentials grant with the
 * identity provider), locally deploy/local's local identity key. No secret or signing key is in the
 * service itself.
 *
 * <p>The file holds one JWT (surrounding whitespace ignored). It is re-read at most once per {@link
 * #RECHECK} on use, so a renewed token (written in place or swapped in by a symlink, as Kubernetes does)
 * is sent within a second. If the file cannot be read or holds no JWT, the last good token is kept and
 * a warning logged; a token past its {@code exp} is logged once too (whoever renews it has stopped), and
 * still sent: the called service decides. The token itself is never logged.
 */
public final class ServiceTokenFile implements ServiceCredentials {

    static final Duration RECHECK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTokenFile.class);

    private record Read(String token, Instant expires) {}

    private final Path file;
    private final Clock clock;
    private final Duration recheck;
    private volatile String header;
    private volatile Instant expires;
    private volatile Instant checked;
    private boolean failing;
    private String expiredWarned;

    ServiceTokenFile(Path file, Clock clock, Duration recheck) {
        this.file = file;
        this.clock = clock;
        this.recheck = recheck;
        Read first;
        try {
            first = read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot read a service token (one JWT) from " + file + ": " + e.getMessage(), e);
        }
        this.header = "Bearer " + first.token();
        this.expires = first.expires();
        this.checked = clock.instant();
        LOG.info("service token from {} (re-read when it changes)", file);
    }

    /**
     * The token in {@code file}, which must hold one now.
     *
     * @throws IllegalArgumentException when it cannot be read or holds no JWT (a service does not start
     *     without its credentials)
     */
    public static ServiceTokenFile open(Path file) {
        return new ServiceTokenFile(file, Clock.systemUTC(), RECHECK);
    }

    public Path file() {
        return file;
    }

    @Override
    public String authorization() {
        Instant now = clock.instant();
        if (now.isBefore(checked.plus(recheck))) {
            return header;
        }
        synchronized (this) {
            if (now.isBefore(checked.plus(recheck))) {
                return header;
            }
            reread(now);
            return header;
        }
    }

    private void reread(Instant now) {
        checked = now;
        try {
            Read r = read(file);
            String h = "Bearer " + r.token();
            if (!h.equals(header)) {
                header = h;
                expires = r.expires();
                LOG.info("service token renewed from {}", file);
            }
            if (failing) {
                LOG.info("service token file {} is readable again", file);
                failing = false;
            }
        } catch (IOException | IllegalArgumentException e) {
            if (!failing) {
                LOG.warn(
                        "cannot re-read the service token from {} ({}); sending the last one read",
                        file,
                        e.getMessage());
                failing = true;
            }
        }
        if (expires != null && now.isAfter(expires) && !header.equals(expiredWarned)) {
            expiredWarned = header;
            LOG.warn(
                    "the service token in {} expired at {}: whatever renews it has stopped; the services will refuse it",
                    file,
                    expires);
        }
    }

    private static Read read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the file holds more than one token");
        }
        try {
            JWT jwt = JWTParser.parse(token);
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return new Read(token, exp == null ? null : exp.toInstant());
        } catch (ParseException e) {
            throw new IllegalArgumentException("the file holds no JWT", e);
        }
    }
}
