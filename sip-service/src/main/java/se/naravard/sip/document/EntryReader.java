package se.naravard.sip.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.sip.document.Docs.ConsentDoc;
import se.naravard.sip.document.Docs.GiverDoc;
import se.naravard.sip.document.Docs.InterventionDoc;
import se.naravard.sip.document.Docs.ParticipantDoc;
import se.naravard.sip.document.Docs.ScopeDoc;
import se.naravard.sip.model.Consent;
import se.naravard.sip.model.ConsentGiver;
import se.naravard.sip.model.ConsentScope;
import se.naravard.sip.model.Intervention;
import se.naravard.sip.model.InterventionId;
import se.naravard.sip.model.InterventionStatus;
import se.naravard.sip.model.MeetingId;
import se.naravard.sip.model.Participant;
import se.naravard.sip.model.ParticipantId;
import se.naravard.sip.model.Principal;
import se.naravard.sip.model.SipRejections;
import se.naravard.sip.model.UnitRole;

/**
 * Reads the entries of a SIP document (or of a request carrying one entry) into domain values,
 * collecting one {@link Rejection} per bad value with its JSON pointer. A bad value reads as
 * {@code null}; what the domain itself checks (required texts, lengths, references) is left to it.
 */
public final class EntryReader {

    /** A date or instant that does not parse. */
    public static final String INVALID_TIME = "SIP-076";
    /** A code (enum value) that is not one of the allowed ones. */
    public static final String UNKNOWN_CODE = "SIP-077";

    static final String REQUIRED = SipRejections.REQUIRED.code();

    private final List<Rejection> rejections = new ArrayList<>();

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    public void add(Rejection r) {
        rejections.add(r);
    }

    public HsaId hsaId(String value, String pointer) {
        return value == null ? null : parse(value, pointer, HsaId::of);
    }

    public ParticipantId participantId(String value, String pointer) {
        return value == null ? null : parse(value, pointer, ParticipantId::of);
    }

    public MeetingId meetingId(String value, String pointer) {
        return value == null ? null : parse(value, pointer, MeetingId::of);
    }

    public InterventionId interventionId(String value, String pointer) {
        return value == null ? null : parse(value, pointer, InterventionId::of);
    }

    public LocalDate date(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            rejections.add(new Rejection(INVALID_TIME, pointer, "not a date in the form YYYY-MM-DD"));
            return null;
        }
    }

    public Instant instant(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            rejections.add(new Rejection(INVALID_TIME, pointer, "not a UTC time such as 2026-11-25T09:00:00Z"));
            return null;
        }
    }

    public <E extends Enum<E>> E code(Class<E> type, String value, String pointer) {
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

    public <T> T required(T value, String pointer) {
        if (value == null) {
            rejections.add(new Rejection(REQUIRED, pointer, "a value is required"));
        }
        return value;
    }

    /** {@code raw}, after refusing it as missing when null. */
    public String need(String raw, String pointer) {
        required(raw, pointer);
        return raw;
    }

    /** A participant; null when a value it cannot be built without is missing or bad. */
    public Participant participant(ParticipantDoc d, String p) {
        ParticipantId id = participantId(need(d.id(), p + "/id"), p + "/id");
        Participant.Kind kind = code(Participant.Kind.class, need(d.kind(), p + "/kind"), p + "/kind");
        if (id == null || kind == null) {
            return null;
        }
        return switch (kind) {
            case PERSON -> id.equals(Participant.ThePerson.ID) ? new Participant.ThePerson() : personWithOtherId(p);
            case RELATED_PERSON -> new Participant.RelatedPerson(id, d.name(), d.relation());
            case UNIT -> unit(id, d, p);
            case OTHER -> new Participant.OtherParticipant(id, d.name(), d.organisation());
        };
    }

    private Participant personWithOtherId(String p) {
        rejections.add(new Rejection(UNKNOWN_CODE, p + "/id", "the person always has the id 'person'"));
        return null;
    }

    private Participant unit(ParticipantId id, ParticipantDoc d, String p) {
        Principal principal = code(Principal.class, need(d.principal(), p + "/principal"), p + "/principal");
        HsaId unit = hsaId(need(d.unit(), p + "/unit"), p + "/unit");
        UnitRole role = code(UnitRole.class, need(d.role(), p + "/role"), p + "/role");
        if (principal == null || unit == null || role == null) {
            return null;
        }
        return new Participant.UnitParticipant(id, principal, unit, role, d.contactName());
    }

    /** Who gave or revoked consent: the person when {@code d} is null. */
    public ConsentGiver giver(GiverDoc d) {
        return d == null || (d.representativeName() == null && d.relation() == null)
                ? ConsentGiver.thePerson()
                : ConsentGiver.representative(d.representativeName(), d.relation());
    }

    /** A consent; {@code from} defaults to {@code now}. Null when scope or times are missing or bad. */
    public Consent consent(ConsentDoc d, String p, Instant now) {
        ConsentScope scope = d.scope() == null ? null : scope(d.scope(), p + "/scope");
        required(d.scope(), p + "/scope");
        Instant from = d.from() == null ? now : instant(d.from(), p + "/from");
        Instant to = instant(d.to(), p + "/to");
        Consent.Revocation revocation = null;
        if (d.revocation() != null) {
            Instant at = instant(need(d.revocation().at(), p + "/revocation/at"), p + "/revocation/at");
            revocation = at == null
                    ? null
                    : new Consent.Revocation(at, giver(d.revocation().by()));
        }
        boolean bad = scope == null || from == null || (d.to() != null && to == null);
        return bad ? null : new Consent(giver(d.givenBy()), scope, from, to, revocation);
    }

    private ConsentScope scope(ScopeDoc d, String p) {
        Set<ParticipantId> participants = list(d.participants(), p + "/participants", this::participantId);
        Set<HsaId> organisations = list(d.organisations(), p + "/organisations", this::hsaId);
        return new ConsentScope(d.what(), participants, organisations);
    }

    /** An intervention; {@code id} from the document unless given, status PLANNED unless given. */
    public Intervention intervention(InterventionId id, InterventionDoc d, String p) {
        InterventionId iid = id != null ? id : interventionId(need(d.id(), p + "/id"), p + "/id");
        InterventionStatus status = d.status() == null
                ? InterventionStatus.PLANNED
                : code(InterventionStatus.class, d.status(), p + "/status");
        Intervention i = new Intervention(
                iid == null ? InterventionId.of("unread") : iid,
                d.what(),
                code(Principal.class, d.responsiblePrincipal(), p + "/responsiblePrincipal"),
                hsaId(d.responsibleUnit(), p + "/responsibleUnit"),
                date(d.start(), p + "/start"),
                status == null ? InterventionStatus.PLANNED : status);
        return iid == null || status == null ? null : i;
    }

    /** Every entry read; null or bad entries are refused at their index. */
    public <T> Set<T> list(List<String> values, String pointer, BiFunction<String, String, T> read) {
        Set<T> out = new LinkedHashSet<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    required(null, pointer + "/" + i);
                    continue;
                }
                T v = read.apply(values.get(i), pointer + "/" + i);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private <T> T parse(String value, String pointer, Function<String, T> of) {
        try {
            return of.apply(value);
        } catch (RejectedException e) {
            rejections.add(e.first().atField(pointer));
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
}
