package se.naravard.contract.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/**
 * Reads strings of a request into domain values, collecting one {@link Rejection} per bad value with
 * its JSON pointer. A bad value reads as {@code null}; the domain's own validation reports missing
 * required values, and {@link #merge} drops its report for a field already refused here.
 */
final class FieldReader {

    static final String INVALID_DATE = "CONTRACT-040";
    static final String UNKNOWN_CODE = "CONTRACT-041";
    static final String INVALID_DATE_TIME = "CONTRACT-042";

    private final List<Rejection> rejections = new ArrayList<>();

    HsaId hsaId(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return HsaId.of(value);
        } catch (RejectedException e) {
            rejections.add(e.first().atField(pointer));
            return null;
        }
    }

    Set<HsaId> hsaIds(List<String> values, String pointer) {
        Set<HsaId> out = new LinkedHashSet<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    rejections.add(new Rejection("CONTRACT-001", pointer + "/" + i, "an entry may not be null"));
                    continue;
                }
                HsaId id = hsaId(values.get(i), pointer + "/" + i);
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    LocalDate date(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            rejections.add(new Rejection(INVALID_DATE, pointer, "not a date in the form YYYY-MM-DD"));
            return null;
        }
    }

    /** An RFC 3339 date-time with an offset ({@code 2026-03-02T10:15:00+01:00} or {@code …Z}). */
    Instant instant(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            rejections.add(new Rejection(
                    INVALID_DATE_TIME, pointer, "not a date-time with an offset, e.g. 2026-03-02T10:15:00+01:00"));
            return null;
        }
    }

    <E extends Enum<E>> E code(Class<E> type, String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            rejections.add(new Rejection(UNKNOWN_CODE, pointer, "unknown code; allowed: " + allowed(type)));
            return null;
        }
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        return String.join(", ", names);
    }

    void add(Rejection r) {
        rejections.add(r);
    }

    List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** This reader's refusals, then the domain's for fields not already refused. */
    List<Rejection> merge(List<Rejection> domain) {
        List<Rejection> out = new ArrayList<>(rejections);
        Set<String> refused = new LinkedHashSet<>();
        rejections.forEach(r -> refused.add(r.field()));
        domain.stream().filter(r -> !refused.contains(r.field())).forEach(out::add);
        return out;
    }
}
