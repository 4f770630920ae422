package se.naravard.contract.model;

/** A goal of the patient, recorded in the patient's own words (DOMAIN.md §2). */
public record Goal(String text) {}
