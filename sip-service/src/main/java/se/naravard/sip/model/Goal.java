package se.naravard.sip.model;

/** One of the person's own goals, in their own words (DOMAIN.md §4 "Required content", practice). */
public record Goal(String text) {}
