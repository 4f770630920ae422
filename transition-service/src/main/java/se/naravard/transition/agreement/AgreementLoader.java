package se.naravard.transition.agreement;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.Outcome;
import se.naravard.transition.TransitionRejections;

/**
 * Reads a {@link CountyAgreement} from a {@code .properties} file (UTF-8), because agreements are
 * configuration, not code (DOMAIN.md §5; issue 4 "County agreements as configuration"). Every bad key
 * is reported, each as a {@link Rejection} whose field is {@code /<key>}.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code name} (required): the agreement's name, shown in explanations.
 *   <li>{@code dayCounting} (required): {@code CALENDAR} or {@code WORKING}.
 *   <li>{@code graceDays} (required): whole number, 0 or more.
 *   <li>{@code dayZero} (required): {@code true} if the notice day itself is day 0 of the count.
 *   <li>{@code noticeCutoff} (optional, {@code HH:mm}): a notice at or after it counts from the next
 *       day; absent or blank means no cut-off.
 *   <li>{@code evesAreHolidays} (required): {@code true} if julafton, nyårsafton and midsommarafton
 *       are non-working days for {@code WORKING} counting.
 *   <li>{@code dailyAmounts} (required): comma-separated {@code yyyy-MM-dd:kronor} rows in strictly
 *       increasing date order, e.g. {@code 2019-01-01:7800, 2022-01-01:9300}.
 *   <li>{@code preconditions} (optional): comma-separated {@link Precondition} names; blank = none.
 * </ul>
 *
 * Any other key is refused, so that a misspelt key cannot silently fall back to a default.
 */
public final class AgreementLoader {

    static final Set<String> KEYS = Set.of(
            "name",
            "dayCounting",
            "graceDays",
            "dayZero",
            "noticeCutoff",
            "evesAreHolidays",
            "dailyAmounts",
            "preconditions");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Properties properties;
    private final List<Rejection> rejections = new ArrayList<>();

    private AgreementLoader(Properties properties) {
        this.properties = properties;
    }

    /** Loads an agreement from the classpath, e.g. {@code agreements/default-3-calendar-days.properties}. */
    public static Outcome<CountyAgreement> fromResource(String resource) {
        var in = AgreementLoader.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            return Outcome.refused(
                    List.of(TransitionRejections.AGREEMENT_UNREADABLE.at("", "no such resource: " + resource)));
        }
        try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return fromReader(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Outcome<CountyAgreement> fromReader(Reader reader) throws IOException {
        var properties = new Properties();
        properties.load(reader);
        return fromProperties(properties);
    }

    public static Outcome<CountyAgreement> fromProperties(Properties properties) {
        return new AgreementLoader(properties).load();
    }

    private Outcome<CountyAgreement> load() {
        for (var key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!KEYS.contains(key)) {
                refuse(TransitionRejections.AGREEMENT_KEY_UNKNOWN, key, "unknown key");
            }
        }
        var name = required("name");
        var counting = dayCounting();
        var graceDays = graceDays();
        var dayZero = bool("dayZero");
        var cutoff = cutoff();
        var eves = bool("evesAreHolidays");
        var amounts = new AmountRowsParser(this::refuse).parse(required("dailyAmounts"));
        var preconditions = preconditions();
        if (!rejections.isEmpty()) {
            return Outcome.refused(rejections);
        }
        return Outcome.ok(
                new CountyAgreement(name, counting, graceDays, dayZero, cutoff, eves, amounts, preconditions));
    }

    private String required(String key) {
        var value = properties.getProperty(key, "").strip();
        if (value.isEmpty()) {
            refuse(TransitionRejections.AGREEMENT_KEY_REQUIRED, key, "required");
            return null;
        }
        return value;
    }

    private DayCounting dayCounting() {
        var value = required("dayCounting");
        if (value == null) {
            return null;
        }
        try {
            return DayCounting.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            refuse(TransitionRejections.DAY_COUNTING_UNKNOWN, "dayCounting", "must be CALENDAR or WORKING");
            return null;
        }
    }

    private int graceDays() {
        var value = required("graceDays");
        if (value == null) {
            return 0;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        refuse(TransitionRejections.GRACE_DAYS_INVALID, "graceDays", "must be a whole number, 0 or more");
        return 0;
    }

    private boolean bool(String key) {
        var value = required(key);
        if (value == null) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            refuse(TransitionRejections.BOOLEAN_INVALID, key, "must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private LocalTime cutoff() {
        var value = properties.getProperty("noticeCutoff", "").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalTime.parse(value, HH_MM);
        } catch (DateTimeParseException e) {
            refuse(TransitionRejections.CUTOFF_INVALID, "noticeCutoff", "must be a local time HH:mm");
            return null;
        }
    }

    private Set<Precondition> preconditions() {
        var result = EnumSet.noneOf(Precondition.class);
        for (var name : properties.getProperty("preconditions", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                result.add(Precondition.valueOf(name.strip()));
            } catch (IllegalArgumentException e) {
                refuse(TransitionRejections.PRECONDITION_UNKNOWN, "preconditions", "unknown: " + name.strip());
            }
        }
        return result;
    }

    private void refuse(TransitionRejections code, String key, String reason) {
        rejections.add(code.at("/" + key, key + ": " + reason));
    }

    /** Parses the {@code dailyAmounts} rows, reporting every bad row. */
    private record AmountRowsParser(Refusals refusals) {

        DailyAmounts parse(String value) {
            if (value == null) {
                return null;
            }
            var rows = new ArrayList<DailyAmounts.Row>();
            boolean ok = true;
            for (var text : value.split(",")) {
                var row = row(text.strip());
                if (row == null) {
                    ok = false;
                } else if (!rows.isEmpty()
                        && !row.validFrom().isAfter(rows.get(rows.size() - 1).validFrom())) {
                    refusals.refuse(
                            TransitionRejections.AMOUNTS_OUT_OF_ORDER,
                            "dailyAmounts",
                            "row " + text.strip() + " is not after the row before it");
                    ok = false;
                } else {
                    rows.add(row);
                }
            }
            return ok && !rows.isEmpty() ? new DailyAmounts(rows) : null;
        }

        private DailyAmounts.Row row(String text) {
            var parts = text.split(":");
            try {
                if (parts.length == 2) {
                    long kronor = Long.parseLong(parts[1].strip());
                    if (kronor > 0) {
                        return new DailyAmounts.Row(LocalDate.parse(parts[0].strip()), kronor);
                    }
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // refused below
            }
            refusals.refuse(
                    TransitionRejections.AMOUNT_ROW_INVALID,
                    "dailyAmounts",
                    "row '" + text + "' must be yyyy-MM-dd:kronor with positive whole kronor");
            return null;
        }
    }

    @FunctionalInterface
    private interface Refusals {
        void refuse(TransitionRejections code, String key, String reason);
    }
}
