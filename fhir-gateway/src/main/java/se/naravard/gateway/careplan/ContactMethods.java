package se.naravard.gateway.careplan;

/** How the patient is contacted for a next step (contract-service's ContactMethod), as a code. */
final class ContactMethods {

    static final String SYSTEM = "https://naravard.se/fhir/CodeSystem/contact-method";

    private ContactMethods() {}

    static String display(String code) {
        switch (code) {
            case "PHONE":
                return "Telefon";
            case "LETTER":
                return "Brev";
            case "MESSAGE_1177":
                return "Meddelande via 1177";
            case "VISIT":
                return "Besök";
            case "VIDEO":
                return "Videosamtal";
            default:
                return code;
        }
    }
}
