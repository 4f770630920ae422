package se.naravard.transition.agreement;

/**
 * How an agreement counts its grace days (DOMAIN.md §5: sources disagree between three calendar days
 * and three weekdays; agreements choose). Only the grace days are counted this way: once liability
 * has started, every vårddygn is liable, weekends and holidays included.
 */
public enum DayCounting {
    /** Every calendar day counts. */
    CALENDAR,
    /** Only working days count ({@link se.naravard.transition.calendar.WorkingDays}). */
    WORKING
}
