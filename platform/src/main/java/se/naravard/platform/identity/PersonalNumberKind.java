package se.naravard.platform.identity;

/** The two kinds of national personal number, and what differs between them. */
enum PersonalNumberKind {
    PERSONNUMMER("personnummer", "/personnummer", 0, "day 61-91 marks a samordningsnummer, not a personnummer"),
    SAMORDNINGSNUMMER(
            "samordningsnummer",
            "/samordningsnummer",
            60,
            "the day of a samordningsnummer must be 61-91 (the birth day plus 60)");

    private final String label;
    private final String field;
    private final int dayOffset;
    private final String dayRangeReason;

    PersonalNumberKind(String label, String field, int dayOffset, String dayRangeReason) {
        this.label = label;
        this.field = field;
        this.dayOffset = dayOffset;
        this.dayRangeReason = dayRangeReason;
    }

    String label() {
        return label;
    }

    /** The default JSON pointer of a refusal; callers re-point it with {@code Rejection.atField}. */
    String field() {
        return field;
    }

    /** What is added to the birth day in the day field: 60 for a samordningsnummer. */
    int dayOffset() {
        return dayOffset;
    }

    String dayRangeReason() {
        return dayRangeReason;
    }

    boolean acceptsDayField(int day) {
        boolean coordinationDay = day >= 61 && day <= 91;
        return this == SAMORDNINGSNUMMER ? coordinationDay : !coordinationDay;
    }
}
