package se.naravard.gateway.appointment;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipCarePlanMapper;
import se.naravard.gateway.sip.SipDocs.Meeting;
import se.naravard.gateway.sip.SipDocs.Participant;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipParticipants;

/**
 * A SIP-möte (the meeting that draws up or follows up a SIP) as an {@code Appointment} {@code
 * sip-<sip id>-m<n>}, n = its position in the SIP's meetings (meetings are only appended; recording
 * one as held changes it in place). Booked until held, then fulfilled with the attendees.
 */
public final class AppointmentMapper {

    private AppointmentMapper() {}

    public static List<Appointment> toAppointments(Sip s, String patientKey) {
        List<Appointment> all = new ArrayList<>();
        for (int n = 1; n <= s.meetingsOrEmpty().size(); n++) {
            all.add(toAppointment(s, n, patientKey));
        }
        return all;
    }

    /** Meeting n (from 1), or null if the SIP has no such meeting. */
    public static Appointment toAppointment(Sip s, int n, String patientKey) {
        if (n < 1 || n > s.meetingsOrEmpty().size()) {
            return null;
        }
        Meeting m = s.meetingsOrEmpty().get(n - 1);
        Appointment a = new Appointment();
        a.setId("Appointment/" + SipIds.entry(s.id(), SipIds.MEETING, n) + "/_history/" + s.version());
        a.setMeta(SipCarePlanMapper.meta(s));
        AppointmentStatus status = status(s.statusCode(), m);
        a.setText(References.narrative("SIP-möte " + n + ", " + status.toCode()));
        a.addIdentifier(new Identifier().setSystem(Systems.SIP_MEETING_ID).setValue(m.id()));
        a.setStatus(status);
        a.addServiceType(new CodeableConcept().setText("SIP-möte"));
        if (!isBlank(m.placeOrMode())) {
            a.setDescription(m.placeOrMode());
        }
        // sip-service records when a meeting is planned, not how long it lasts: R4 wants an end with
        // every start (app-2), so the appointment is the instant it starts.
        var planned = References.instant(m.plannedAt());
        if (planned != null) {
            a.setStartElement(planned);
            a.setEndElement(new InstantType(planned.getValue()));
        }
        if (m.held() != null) {
            var heldAt = References.dateTime(m.held().at());
            if (heldAt != null) {
                a.addExtension(Systems.EXT_SIP_MEETING_HELD_AT, heldAt);
            }
        }
        a.addSupportingInformation(new Reference("CarePlan/" + SipIds.plan(s.id())));
        participants(s, m, patientKey).forEach(a::addParticipant);
        return a;
    }

    /**
     * Held → fulfilled; not held: cancelled when the SIP was cancelled or completed without it,
     * entered-in-error with the SIP, else booked.
     */
    public static AppointmentStatus status(String sipStatus, Meeting m) {
        if ("entered-in-error".equals(sipStatus)) {
            return AppointmentStatus.ENTEREDINERROR;
        }
        if (m.held() != null) {
            return AppointmentStatus.FULFILLED;
        }
        if ("cancelled".equals(sipStatus) || "completed".equals(sipStatus)) {
            return AppointmentStatus.CANCELLED;
        }
        return AppointmentStatus.BOOKED;
    }

    /**
     * A held meeting: its attendees, accepted. A planned one: every participant of the SIP, their answer
     * unknown (needs-action): sip-service records who is called, not who said yes.
     */
    private static List<AppointmentParticipantComponent> participants(Sip s, Meeting m, String patientKey) {
        List<AppointmentParticipantComponent> all = new ArrayList<>();
        if (m.held() != null) {
            for (String id : m.held().attendeesOrEmpty()) {
                all.add(participant(SipParticipants.reference(s.participant(id), id, patientKey), true));
            }
        } else {
            for (Participant p : s.participantsOrEmpty()) {
                all.add(participant(SipParticipants.reference(p, p.id(), patientKey), false));
            }
        }
        if (all.isEmpty()) {
            all.add(participant(References.patient(patientKey), m.held() != null));
        }
        return all;
    }

    /**
     * R4 has no Organization among an Appointment's actors: a unit stays a logical reference by HSA-id
     * without a type.
     */
    private static AppointmentParticipantComponent participant(Reference who, boolean attended) {
        if ("Organization".equals(who.getType())) {
            who.setTypeElement(null);
        }
        return new AppointmentParticipantComponent()
                .setActor(who)
                .setRequired(ParticipantRequired.REQUIRED)
                .setStatus(attended ? ParticipationStatus.ACCEPTED : ParticipationStatus.NEEDSACTION);
    }
}
