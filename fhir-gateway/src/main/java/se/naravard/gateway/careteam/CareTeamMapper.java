package se.naravard.gateway.careteam;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.contract.ContractDocs.CareContact;
import se.naravard.gateway.contract.ContractDocs.ContactPath;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.FastLakarkontakt;
import se.naravard.gateway.contract.ContractDocs.FastVardkontakt;
import se.naravard.gateway.contract.ContractDocs.Parts;
import se.naravard.gateway.contract.ContractDocs.Person;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;

/**
 * The people of a patientkontrakt as a {@code CareTeam} with the contract's id and version: the
 * fast vårdkontakt (and their substitute) and the fast läkarkontakt with their units, the patient,
 * närstående (next of kin) and the other care and omsorg contacts of sammanhållen planering.
 */
public final class CareTeamMapper {

    public static final String FAST_VARDKONTAKT = "fast-vardkontakt";
    public static final String FAST_VARDKONTAKT_SUBSTITUTE = "fast-vardkontakt-ersattare";
    public static final String FAST_LAKARKONTAKT = "fast-lakarkontakt";
    public static final String PATIENT = "patient";
    public static final String NARSTAENDE = "narstaende";
    public static final String CONTACT = "kontakt";

    private CareTeamMapper() {}

    public static CareTeam toCareTeam(Contract c, String patientKey) {
        Parts parts = c.partsOrEmpty();
        CareTeam team = new CareTeam();
        team.setId("CareTeam/" + c.id() + "/_history/" + c.version());
        team.setMeta(new Meta()
                .setVersionId(Integer.toString(c.version()))
                .setLastUpdatedElement(References.instant(
                        c.lastChange() == null ? null : c.lastChange().at())));
        team.setText(References.narrative("Vårdteam för patientkontrakt, version " + c.version()));
        team.setStatus(status(c.statusCode()));
        team.addCategory(Systems.patientkontrakt());
        team.setName("Patientkontrakt");
        team.setSubject(References.patient(patientKey));
        team.addParticipant(new CareTeamParticipantComponent()
                .addRole(role(PATIENT, "Patient"))
                .setMember(References.patient(patientKey)));
        List<String> notes = new ArrayList<>();
        vardkontakt(parts.fastVardkontakt(), team, notes);
        lakarkontakt(parts.fastLakarkontakt(), team, notes);
        if (parts.planning() != null && parts.planning().contacts() != null) {
            parts.planning().contacts().forEach(contact -> contact(contact, team, notes));
        }
        notes.forEach(n -> team.addNote().setText(n));
        return team;
    }

    /** draft→proposed, active and revised→active, completed and revoked→inactive, entered-in-error. */
    public static CareTeamStatus status(String code) {
        if (code == null) {
            return CareTeamStatus.PROPOSED;
        }
        switch (code) {
            case "active":
            case "revised":
                return CareTeamStatus.ACTIVE;
            case "completed":
            case "revoked":
                return CareTeamStatus.INACTIVE;
            case "entered-in-error":
                return CareTeamStatus.ENTEREDINERROR;
            default:
                return CareTeamStatus.PROPOSED;
        }
    }

    private static void vardkontakt(FastVardkontakt v, CareTeam team, List<String> notes) {
        if (v == null) {
            return;
        }
        participant(team, FAST_VARDKONTAKT, "Fast vårdkontakt", v.person(), v.unit(), v.from());
        if (v.substitute() != null) {
            participant(
                    team,
                    FAST_VARDKONTAKT_SUBSTITUTE,
                    "Ersättare för fast vårdkontakt",
                    v.substitute(),
                    v.unit(),
                    v.from());
        }
        // The unit whose verksamhetschef appointed the fast vårdkontakt answers for the team.
        String responsible = isBlank(v.appointedBy()) ? v.unit() : v.appointedBy();
        if (!isBlank(responsible)) {
            team.addManagingOrganization(References.organization(responsible, null));
        }
        reach(v.reach(), "Fast vårdkontakt", team, notes, true);
    }

    private static void lakarkontakt(FastLakarkontakt l, CareTeam team, List<String> notes) {
        if (l == null) {
            return;
        }
        participant(team, FAST_LAKARKONTAKT, "Fast läkarkontakt", l.physician(), l.vardcentral(), l.from());
        reach(l.booking(), "Fast läkarkontakt (bokning)", team, notes, true);
    }

    private static void participant(
            CareTeam team, String code, String display, Person person, String unit, String from) {
        CareTeamParticipantComponent p = new CareTeamParticipantComponent().addRole(role(code, display));
        if (person != null) {
            Reference member = References.practitioner(person.hsaId(), person.name());
            p.setMember(member);
            if (!isBlank(person.profession())) {
                p.getRoleFirstRep().setText(person.profession());
            }
        }
        Reference onBehalfOf = References.organization(unit, null);
        if (onBehalfOf != null && p.hasMember()) {
            p.setOnBehalfOf(onBehalfOf);
        } else if (onBehalfOf != null) {
            p.setMember(onBehalfOf);
        }
        var start = References.day(from);
        if (start != null) {
            p.setPeriod(new Period().setStartElement(start));
        }
        if (p.hasMember()) {
            team.addParticipant(p);
        }
    }

    private static void contact(CareContact contact, CareTeam team, List<String> notes) {
        boolean kin = contact.role() != null
                && contact.role().toLowerCase(Locale.ROOT).startsWith("närstående");
        Reference member;
        if (kin) {
            member = new Reference().setType("RelatedPerson").setDisplay(contact.name());
        } else {
            member = References.organization(contact.unit(), contact.name());
        }
        if (member == null || (!member.hasIdentifier() && !member.hasDisplay())) {
            return;
        }
        CodeableConcept role = kin ? role(NARSTAENDE, "Närstående") : role(CONTACT, "Kontakt i vård och omsorg");
        if (!isBlank(contact.role())) {
            role.setText(contact.role());
        }
        team.addParticipant(new CareTeamParticipantComponent().addRole(role).setMember(member));
        reach(contact.path(), contact.name(), team, notes, false);
    }

    /**
     * Every contact path as a note (ContactPoint has no opening hours in R4); those of the fast
     * vårdkontakt and fast läkarkontakt also as the team's telecom (phone; e-service as {@code other}).
     */
    private static void reach(ContactPath path, String who, CareTeam team, List<String> notes, boolean telecom) {
        if (path == null) {
            return;
        }
        if (telecom && !isBlank(path.phone()) && !hasTelecom(team, path.phone())) {
            ContactPoint phone = new ContactPoint()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setValue(path.phone())
                    .setUse(ContactPoint.ContactPointUse.WORK);
            team.addTelecom(phone);
        }
        if (telecom && !isBlank(path.eService()) && !hasTelecom(team, path.eService())) {
            team.addTelecom(new ContactPoint()
                    .setSystem(ContactPoint.ContactPointSystem.OTHER)
                    .setValue(path.eService())
                    .setUse(ContactPoint.ContactPointUse.WORK));
        }
        List<String> how = new ArrayList<>();
        if (!isBlank(path.phone())) {
            how.add("telefon " + path.phone());
        }
        if (!isBlank(path.eService())) {
            how.add("e-tjänst " + path.eService());
        }
        if (!isBlank(path.hours())) {
            how.add(path.hours());
        }
        if (!how.isEmpty()) {
            notes.add((who == null ? "Kontakt" : who) + ": " + String.join(", ", how));
        }
    }

    private static boolean hasTelecom(CareTeam team, String value) {
        return team.getTelecom().stream().anyMatch(t -> value.equals(t.getValue()));
    }

    static CodeableConcept role(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(Systems.CARETEAM_ROLE, code, display));
    }
}
