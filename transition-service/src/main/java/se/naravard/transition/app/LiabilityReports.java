package se.naravard.transition.app;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.Outcome;
import se.naravard.transition.agreement.CountyAgreement;
import se.naravard.transition.calendar.SwedishTime;
import se.naravard.transition.document.Codes;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.MessageType;
import se.naravard.transition.liability.LiabilityAssessment;
import se.naravard.transition.liability.LiabilityCalculator;
import se.naravard.transition.liability.LiableDay;
import se.naravard.transition.store.EpisodeStore;

/**
 * Payment-liability evidence (betalningsansvar, DOMAIN.md §5): per episode the liable days, amounts
 * and the explanation line by line; per municipality and month the totals, each figure with the
 * episode it comes from. Computed from the stored messages every time, never kept as a separate
 * figure that could drift from its evidence.
 */
@Singleton
public class LiabilityReports {

    private final EpisodeStore store;
    private final Agreements agreements;
    private final LiabilityCalculator calculator;
    private final Clock clock;

    public LiabilityReports(EpisodeStore store, Agreements agreements, LiabilityCalculator calculator, Clock clock) {
        this.store = store;
        this.agreements = agreements;
        this.calculator = calculator;
        this.clock = clock;
    }

    /**
     * The evidence for one episode; {@code assessment} is null while no utskrivningsklar notice
     * stands. {@code sources} name the messages the figures rest on, one line each (id, type, local
     * time), so that an auditor can match every time in the explanation to its message.
     */
    public record EpisodeLiability(
            Episode episode,
            CountyAgreement agreement,
            LocalDate asOf,
            LiabilityAssessment assessment,
            List<String> sources) {}

    /** One episode's share of a month. */
    public record MonthLine(
            Episode episode, String agreement, List<LiableDay> days, long kronor, LiabilityAssessment assessment) {}

    public record MonthReport(String kommun, YearMonth month, LocalDate countedThrough, List<MonthLine> lines) {
        public long totalDays() {
            return lines.stream().mapToLong(l -> l.days().size()).sum();
        }

        public long totalKronor() {
            return lines.stream().mapToLong(MonthLine::kronor).sum();
        }
    }

    /** {@code asOf}: count a patient still in hospital through this date (default: today). */
    @ReadOnly
    public EpisodeLiability forEpisode(EpisodeId id, LocalDate asOf) {
        Episode episode = store.find(id).orElseThrow(EpisodeService::notFound);
        LocalDate through = asOf == null ? today() : asOf;
        CountyAgreement agreement =
                agreements.forKommun(episode.admission().kommun().value());
        return new EpisodeLiability(episode, agreement, through, assess(episode, agreement, through), sources(episode));
    }

    /** One line per message that liability depends on, cancelled ones included (and marked). */
    static List<String> sources(Episode episode) {
        var lines = new ArrayList<String>();
        for (var m : episode.messages()) {
            if (!SOURCES.contains(m.type())) {
                continue;
            }
            String line =
                    "Message " + m.id().value() + ": " + Codes.of(m.type()) + " sent " + SwedishTime.minutes(m.sentAt())
                            + " (Europe/Stockholm) by " + m.sender().value();
            if (m.isCancelled()) {
                line += ", cancelled by makulering " + m.cancelledBy().value() + " (not evidence)";
            }
            lines.add(line + ".");
        }
        Instant left = episode.leftAt();
        if (left != null) {
            lines.add("Left hospital care " + SwedishTime.minutes(left) + " (Europe/Stockholm), status "
                    + Codes.of(episode.status().kind()) + ".");
        }
        return lines;
    }

    private static final Set<MessageType> SOURCES = Set.of(
            MessageType.INSKRIVNINGSMEDDELANDE,
            MessageType.UTSKRIVNINGSKLAR,
            MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR,
            MessageType.KALLELSE_SIP,
            MessageType.PATIENT_AVLIDEN,
            MessageType.PATIENT_FLYTTAD,
            MessageType.AVBROTT);

    /** Every episode of {@code kommun} with liable days in {@code month}, counted through today at most. */
    @ReadOnly
    public MonthReport forMonth(String kommun, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        LocalDate through = last.isAfter(today()) ? today() : last;
        var lines = new ArrayList<MonthLine>();
        if (!through.isBefore(first)) {
            for (Episode episode :
                    store.liableCandidates(kommun, SwedishTime.startOf(first), SwedishTime.startOf(last.plusDays(1)))) {
                CountyAgreement agreement = agreements.forKommun(kommun);
                LiabilityAssessment assessment = assess(episode, agreement, through);
                if (assessment == null) {
                    continue;
                }
                List<LiableDay> days = assessment.liableDays().stream()
                        .filter(d -> !d.date().isBefore(first) && !d.date().isAfter(last))
                        .toList();
                lines.add(new MonthLine(
                        episode,
                        agreement.name(),
                        days,
                        days.stream().mapToLong(LiableDay::kronor).sum(),
                        assessment));
            }
        }
        return new MonthReport(kommun, month, through, lines);
    }

    private LiabilityAssessment assess(Episode episode, CountyAgreement agreement, LocalDate through) {
        var facts = episode.liabilityCase(through, Set.of());
        if (facts.isEmpty()) {
            return null;
        }
        Outcome<LiabilityAssessment> outcome = calculator.calculate(facts.get(), agreement);
        if (outcome.kind() == Outcome.Kind.REFUSED) {
            List<Rejection> why = outcome.rejections();
            throw ProblemException.of(
                    422,
                    "The liability of episode " + episode.id().value() + " cannot be counted",
                    why.stream()
                            .map(r -> new Rejection(r.code(), r.field(), r.reason()))
                            .toList());
        }
        return outcome.orElseThrow();
    }

    private LocalDate today() {
        return SwedishTime.dateOf(clock.instant());
    }
}
