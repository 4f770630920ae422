package se.naravard.platform.domain;

import java.util.Objects;

/**
 * Why a command or a value was refused: a stable, greppable {@code code} (e.g. {@code ID-PNR-003},
 * {@code CONTRACT-012}), the {@code field} at fault as a JSON pointer ({@code /patient/personnummer})
 * and a human-readable {@code reason}. Refusals are values, not exceptions: domain methods return
 * them. A reason never contains a personnummer or other identifying data.
 */
public record Rejection(String code, String field, String reason) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        field = field == null ? "" : field;
    }

    /** The same refusal pointed at another field, e.g. when a value object is read from a request body. */
    public Rejection atField(String pointer) {
        return new Rejection(code, pointer, reason);
    }
}
