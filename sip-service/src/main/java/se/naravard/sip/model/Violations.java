package se.naravard.sip.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import se.naravard.platform.domain.Rejection;

/**
 * Collects field rejections while a command is checked. Pointers are absolute JSON pointers inside
 * the SIP document, so the edge can return them unchanged.
 */
final class Violations {

    /** Longest free text we accept; longer input is a paste accident, not a plan. */
    static final int MAX_TEXT = 2000;

    /** Most entries in one list (participants, goals, interventions…): the person reads the plan. */
    static final int MAX_ITEMS = 50;

    private final List<Rejection> rejections = new ArrayList<>();

    void add(Rejection rejection) {
        rejections.add(rejection);
    }

    void addAll(Collection<Rejection> more) {
        rejections.addAll(more);
    }

    void required(String pointer, Object value) {
        if (value == null) {
            add(SipRejections.REQUIRED.at(pointer, "a value is required"));
        }
    }

    void requiredText(String pointer, String value) {
        if (value == null || value.isBlank()) {
            add(SipRejections.REQUIRED.at(pointer, "a non-blank text is required"));
        } else {
            optionalText(pointer, value);
        }
    }

    void optionalText(String pointer, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            add(SipRejections.TOO_LONG.at(pointer, "text is longer than " + MAX_TEXT + " characters"));
        }
    }

    /** Refuses adding one more entry to a list that already holds {@code size}. */
    void roomFor(String pointer, int size) {
        if (size >= MAX_ITEMS) {
            add(SipRejections.TOO_MANY.at(pointer, "at most " + MAX_ITEMS + " entries are allowed"));
        }
    }

    boolean isEmpty() {
        return rejections.isEmpty();
    }

    List<Rejection> toList() {
        return List.copyOf(rejections);
    }
}
