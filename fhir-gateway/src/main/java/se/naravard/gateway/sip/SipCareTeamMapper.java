package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.Participant;
import se.naravard.gateway.sip.SipDocs.Sip;

/**
 * The participants of a SIP as a {@code CareTeam} with the SIP's id and version (DOMAIN.md §4
 * "Participants"): the person, närstående (who take part only while the person does not object), the
 * units of each principal (role: what kind of unit, and which principal) and other parties.
 */
public final class SipCareTeamMapper {

    /** Roles of {@link Systems#CARETEAM_ROLE} shared with the contracts' teams. */
    public static final String PATIENT = "patient";

    public static final String NARSTAENDE = "narstaende";
    public static final String CONTACT = "kontakt";

    private SipCareTeamMapper() {}

    public static CareTeam toCareTeam(Sip s, String patientKey) {
        CareTeam team = new CareTeam();
        team.setId("CareTeam/" + SipIds.plan(s.id()) + "/_history/" + s.version());
        team.setMeta(SipCarePlanMapper.meta(s));
        team.setText(References.narrative("Deltagare i SIP, version " + s.version()));
        team.setStatus(status(s.statusCode()));
        team.addCategory(Systems.sip());
        team.setName("SIP");
        team.setSubject(References.patient(patientKey));
        for (Participant p : s.participantsOrEmpty()) {
            team.addParticipant(participant(p, patientKey));
        }
        return team;
    }

    /** draft→proposed, active, completed and cancelled→inactive, entered-in-error. */
    public static CareTeamStatus status(String code) {
        if (code == null) {
            return CareTeamStatus.PROPOSED;
        }
        return switch (code) {
            case "active" -> CareTeamStatus.ACTIVE;
            case "completed", "cancelled" -> CareTeamStatus.INACTIVE;
            case "entered-in-error" -> CareTeamStatus.ENTEREDINERROR;
            default -> CareTeamStatus.PROPOSED;
        };
    }

    private static CareTeamParticipantComponent participant(Participant p, String patientKey) {
        CareTeamParticipantComponent c = new CareTeamParticipantComponent();
        // The participant's id in the SIP, so a client's update names the same participants.
        if (!isBlank(p.id())) {
            c.setId(p.id());
        }
        String kind = p.kind() == null ? "" : p.kind();
        switch (kind) {
            case SipParticipants.PERSON -> c.addRole(role(PATIENT, "Patient"))
                    .setMember(References.patient(patientKey));
            case SipParticipants.RELATED_PERSON -> {
                CodeableConcept role = role(NARSTAENDE, "Närstående");
                if (!isBlank(p.relation())) {
                    role.setText(p.relation());
                }
                c.addRole(role).setMember(SipParticipants.reference(p, p.id(), patientKey));
            }
            case SipParticipants.UNIT -> unit(p, c);
            default -> c.addRole(role(CONTACT, "Kontakt")).setMember(SipParticipants.reference(p, p.id(), patientKey));
        }
        return c;
    }

    /**
     * A unit: role = the kind of unit and its principal; member = the contact person (display only, no
     * HSA-id is recorded) on behalf of the unit, else the unit itself.
     */
    private static void unit(Participant p, CareTeamParticipantComponent c) {
        CodeableConcept role = new CodeableConcept();
        Coding kind = SipParticipants.unitRole(p.role());
        if (kind != null) {
            role.addCoding(kind);
        }
        Coding principal = SipParticipants.principal(p.principal());
        if (principal != null) {
            role.addCoding(principal);
        }
        if (!role.isEmpty()) {
            c.addRole(role);
        }
        Reference unit = SipParticipants.reference(p, p.id(), null);
        if (isBlank(p.contactName())) {
            c.setMember(unit);
        } else {
            c.setMember(new Reference().setType("Practitioner").setDisplay(p.contactName()));
            c.setOnBehalfOf(unit);
        }
    }

    private static CodeableConcept role(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(Systems.CARETEAM_ROLE, code, display));
    }
}
