package se.naravard.contract.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import se.naravard.platform.domain.Rejection;

/**
 * Collects field rejections while a part is validated. Pointers are absolute JSON pointers inside the
 * contract document, so the edge can return them unchanged.
 */
final class Violations {

    /** Longest free text we accept; longer input is a paste accident, not a plan. */
    static final int MAX_TEXT = 2000;

    /** Most entries in one list (goals, steps, contacts…): a contract is read by the patient. */
    static final int MAX_ITEMS = 50;

    private final List<Rejection> rejections = new ArrayList<>();

    void add(Rejection rejection) {
        rejections.add(rejection);
    }

    boolean required(String pointer, Object value) {
        if (value == null) {
            add(ContractRejections.REQUIRED.at(pointer, "a value is required"));
            return false;
        }
        return true;
    }

    void requiredText(String pointer, String value) {
        if (value == null || value.isBlank()) {
            add(ContractRejections.REQUIRED.at(pointer, "a non-blank text is required"));
        } else {
            optionalText(pointer, value);
        }
    }

    void optionalText(String pointer, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            add(ContractRejections.TOO_LONG.at(pointer, "text is longer than " + MAX_TEXT + " characters"));
        }
    }

    /** Checks the size of a list and then each entry, at {@code pointer/index}. */
    <T> void each(String pointer, List<T> items, BiConsumer<String, T> check) {
        if (items.size() > MAX_ITEMS) {
            add(ContractRejections.TOO_MANY.at(pointer, "at most " + MAX_ITEMS + " entries are allowed"));
        }
        for (int i = 0; i < items.size(); i++) {
            check.accept(pointer + "/" + i, items.get(i));
        }
    }

    void addAll(Collection<Rejection> more) {
        rejections.addAll(more);
    }

    List<Rejection> toList() {
        return List.copyOf(rejections);
    }
}
