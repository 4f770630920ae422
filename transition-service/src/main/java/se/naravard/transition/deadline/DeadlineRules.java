package se.naravard.transition.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import se.naravard.transition.calendar.SwedishTime;

/**
 * When each LUS duty is due (DOMAIN.md §5). Days are local days in {@code Europe/Stockholm}, computed
 * with zone rules so that a day with a daylight-saving change (23 or 25 hours) is still one day; only
 * the admission notice, which the law states in hours, is an elapsed duration. Deadlines run from
 * {@code sentAt} of the triggering message (DOMAIN.md §5, message set). Agreement cut-off hours apply
 * to payment liability, not to these deadlines.
 */
public final class DeadlineRules {

    /** The law says "within 24 hours" (prop. 2016/17:106): 24 elapsed hours, even across DST. */
    public static final Duration ADMISSION_NOTICE_WINDOW = Duration.ofHours(24);

    /**
     * "At once" has no figure in the sources (Vårdhandboken "Utskrivningsklar"); we model it as a short
     * configurable window, by default one hour [DESIGN].
     */
    public static final Duration DEFAULT_WITHDRAWAL_WINDOW = Duration.ofHours(1);

    /** Calendar days after the utskrivningsklar notice for the kallelse till SIP. */
    static final int SIP_CALL_IN_DAYS = 3;

    /**
     * End of a local day, as an inclusive due time: one microsecond before the next midnight, so that it
     * survives a round trip through a microsecond-precision database column.
     */
    private static final Duration END_OF_DAY_MARGIN = Duration.ofNanos(1_000);

    private final Duration withdrawalWindow;

    public DeadlineRules() {
        this(DEFAULT_WITHDRAWAL_WINDOW);
    }

    public DeadlineRules(Duration withdrawalWindow) {
        Objects.requireNonNull(withdrawalWindow, "withdrawalWindow");
        if (withdrawalWindow.isNegative() || withdrawalWindow.isZero()) {
            throw new IllegalArgumentException("withdrawalWindow must be positive: " + withdrawalWindow);
        }
        this.withdrawalWindow = withdrawalWindow;
    }

    /**
     * Inskrivningsmeddelande: 24 hours after the physician's assessment. DOMAIN.md §5 step 1: the law
     * says 24 hours of admission, Kunskapsguiden counts from the assessment; both times are stored and
     * the clock runs from the assessment.
     */
    public Deadline admissionNotice(Instant physicianAssessedAt) {
        return Deadline.open(DeadlineKind.ADMISSION_NOTICE, physicianAssessedAt.plus(ADMISSION_NOTICE_WINDOW));
    }

    /**
     * Kallelse till SIP "within three days after the utskrivningsklar notice was given" (DOMAIN.md §5
     * step 5). Read as: the notice day is not counted, and the call-in is due by the end of the third
     * calendar day after it (notice Monday 10:00 → due Thursday 23:59:59.999999 local). Sources say
     * "dagar", not "vardagar"; the statute wording is [UNVERIFIED] (DOMAIN.md §5, §10).
     */
    public Deadline sipCallIn(Instant utskrivningsklarSentAt) {
        var lastDay = SwedishTime.dateOf(utskrivningsklarSentAt).plusDays(SIP_CALL_IN_DAYS);
        return Deadline.open(DeadlineKind.SIP_CALL_IN, endOf(lastDay));
    }

    /** Information at discharge "no later than the day of discharge" (PL 3 kap. 2 b §): end of that local day. */
    public Deadline dischargeInformation(Instant dischargedAt) {
        return Deadline.open(DeadlineKind.DISCHARGE_INFORMATION, endOf(SwedishTime.dateOf(dischargedAt)));
    }

    /**
     * Återtagande: notify "at once" when the patient is no longer utskrivningsklar (DOMAIN.md §5 step 4),
     * modelled as {@code noLongerReadyAt} plus the configured window (default 1 hour) [DESIGN].
     */
    public Deadline withdrawalNotice(Instant noLongerReadyAt) {
        return Deadline.open(DeadlineKind.WITHDRAWAL_NOTICE, noLongerReadyAt.plus(withdrawalWindow));
    }

    static Instant endOf(LocalDate date) {
        return SwedishTime.startOf(date.plusDays(1)).minus(END_OF_DAY_MARGIN);
    }
}
