package se.naravard.contract.model;

/**
 * How to reach someone: a phone number, an e-service (such as a 1177 message) and when they answer.
 * A path needs a phone or an e-service; opening hours alone reach nobody. This is checked by
 * validation, not by the constructor, so that the patient's view can show what is missing.
 */
public record ContactPath(String phone, String eService, String hours) {

    public boolean isReachable() {
        return isPresent(phone) || isPresent(eService);
    }

    void validate(Violations v, String pointer) {
        if (!isReachable()) {
            v.add(ContractRejections.CONTACT_PATH_EMPTY.at(pointer, "a phone number or an e-service is required"));
        }
        v.optionalText(pointer + "/phone", phone);
        v.optionalText(pointer + "/eService", eService);
        v.optionalText(pointer + "/hours", hours);
    }

    private static boolean isPresent(String text) {
        return text != null && !text.isBlank();
    }
}
