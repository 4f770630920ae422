package se.naravard.sip.model;

/**
 * Who gave or revoked a consent: the person, or a legal representative (guardian, god man with that
 * mandate…) named with their relation to the person (DOMAIN.md §4 "Consent"). Both fields are null
 * for the person; both are required for a representative.
 */
public record ConsentGiver(String representativeName, String relation) {

    public static ConsentGiver thePerson() {
        return new ConsentGiver(null, null);
    }

    public static ConsentGiver representative(String name, String relation) {
        return new ConsentGiver(name, relation);
    }

    public boolean isThePerson() {
        return representativeName == null && relation == null;
    }
}
