package se.naravard.transition.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.Personnummer;
import se.naravard.transition.calendar.SwedishTime;

/** Builds a valid admission by default (test person 19121212-1212 only), plus message helpers. */
final class EpisodeFixture {

    static final HsaId WARD = HsaId.of("SE2321000057-WARD1");
    static final HsaId NURSE = HsaId.of("SE2321000057-P0001");
    static final HsaId MUNICIPAL_UNIT = HsaId.of("SE2120000589-HEM1");
    static final HsaId PRIMARY_CARE = HsaId.of("SE2321000057-VC01");
    static final Kommunkod JONKOPING = Kommunkod.of("0680");

    private Instant admittedAt = local("2026-03-02T08:00");
    private Instant assessedAt = local("2026-03-02T09:00");
    private LocalDate expectedDischargeDate = LocalDate.parse("2026-03-10");
    private boolean needsBothPrincipals = true;
    private boolean mayNeedHelp = true;
    private EpisodeRules rules = EpisodeRules.defaults();

    static EpisodeFixture anEpisode() {
        return new EpisodeFixture();
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SwedishTime.ZONE).toInstant();
    }

    EpisodeFixture admittedAt(String local) {
        admittedAt = local(local);
        return this;
    }

    EpisodeFixture assessedAt(String local) {
        assessedAt = local(local);
        return this;
    }

    EpisodeFixture expectedDischargeDate(String date) {
        expectedDischargeDate = LocalDate.parse(date);
        return this;
    }

    EpisodeFixture needsBothPrincipals(boolean value) {
        needsBothPrincipals = value;
        return this;
    }

    EpisodeFixture mayNeedHelpAfterDischarge(boolean value) {
        mayNeedHelp = value;
        return this;
    }

    EpisodeFixture rules(EpisodeRules value) {
        rules = value;
        return this;
    }

    Admission admission() {
        return new Admission(
                EpisodeId.random(),
                Personnummer.of("19121212-1212"),
                WARD,
                JONKOPING,
                admittedAt,
                assessedAt,
                expectedDischargeDate,
                needsBothPrincipals,
                mayNeedHelp);
    }

    Decision admitDecision() {
        return Episode.admit(admission(), change(admittedAt), rules);
    }

    Episode admit() {
        return accepted(admitDecision()).episode();
    }

    static Change change(Instant at) {
        return new Change(NURSE, WARD, at);
    }

    static Message message(MessageType type, String local) {
        return Message.of(
                MessageId.random(),
                type,
                local(local),
                WARD,
                List.of(Addressee.municipal(MUNICIPAL_UNIT, JONKOPING), Addressee.primaryCare(PRIMARY_CARE)));
    }

    static Decision send(Episode episode, Message message) {
        return episode.send(message, change(message.sentAt()));
    }

    static Episode sent(Episode episode, Message message) {
        return accepted(send(episode, message)).episode();
    }

    static Receipt receipt(HsaId unit, ReceiptStatus status, String local) {
        return new Receipt(unit, status, local(local), null, ReceiptKind.APPLICATION);
    }

    static Decision.Accepted accepted(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        return (Decision.Accepted) decision;
    }

    static Rejection onlyRejection(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        var rejections = ((Decision.Rejected) decision).rejections();
        assertThat(rejections).hasSize(1);
        return rejections.get(0);
    }

    static List<String> typeNames(Decision decision) {
        return accepted(decision).events().stream().map(EpisodeEvent::typeName).toList();
    }

    private EpisodeFixture() {}
}
