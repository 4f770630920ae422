package se.naravard.gateway.appointment;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;

/**
 * Appointment (a SIP meeting, {@code sip-<sip id>-m<n>}): read, vread, search by patient, status, _id;
 * create plans a meeting of a SIP.
 */
public final class AppointmentProvider implements IResourceProvider {

    static final String APPOINTMENT_STATUS = "http://hl7.org/fhir/appointmentstatus";
    static final String PATIENT_ELEMENT = "Appointment.participant.actor";

    private final SipReads sips;
    private final PatientResolver patients;
    private final SipWrites writes;

    public AppointmentProvider(SipReads sips, PatientResolver patients, SipWrites writes) {
        this.sips = sips;
        this.patients = patients;
        this.writes = writes;
    }

    /**
     * A SIP meeting planned: one {@code POST /sips/{id}/meetings} (the SIP in {@code
     * supportingInformation}); 201 with the Appointment {@code sip-<id>-m<n>}.
     */
    @Create
    public MethodOutcome create(@ResourceParam Appointment incoming, RequestDetails request) {
        Sip s = writes.planMeeting(incoming, SipWrites.actor(request));
        Appointment stored =
                AppointmentMapper.toAppointment(s, s.meetingsOrEmpty().size(), sips.patientKey(s));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
    }

    /**
     * A planned meeting recorded as held: status fulfilled, with {@code If-Match}; one {@code POST
     * /sips/{id}/meetings/{meetingId}/held}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Appointment incoming, RequestDetails request) {
        Sip s = writes.recordMeetingHeld(id.getIdPart(), id.getVersionIdPart(), incoming, SipWrites.actor(request));
        SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.MEETING);
        Appointment stored = AppointmentMapper.toAppointment(s, e.n(), sips.patientKey(s));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @Override
    public Class<Appointment> getResourceType() {
        return Appointment.class;
    }

    @Read(version = true)
    public Appointment read(@IdParam IdType id) {
        SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.MEETING);
        String sipId = e == null ? null : e.sipId();
        Sip s = id.hasVersionIdPart()
                ? sips.version("Appointment", id.getIdPart(), sipId, id.getVersionIdPart())
                : sips.current("Appointment", id.getIdPart(), sipId);
        Appointment a = AppointmentMapper.toAppointment(s, e.n(), sips.patientKey(s));
        if (a == null) {
            throw FhirErrors.notFound("Appointment", id.getIdPart(), null);
        }
        return a;
    }

    /** The meeting in every version of its SIP that has it, newest first. */
    @History
    public List<Appointment> history(@IdParam IdType id) {
        return sips.entryHistory(
                "Appointment",
                id.getIdPart(),
                SipIds.MEETING,
                (s, n) -> AppointmentMapper.toAppointment(s, n, sips.patientKey(s)));
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Appointment.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(name = Appointment.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = patient == null ? null : patients.keyFromReference(patient, "patient", PATIENT_ELEMENT);
        String wanted = SipReads.idValue(id);
        String sipId = null;
        if (wanted != null) {
            SipIds.Entry e = SipIds.entryOf(wanted, SipIds.MEETING);
            sipId = e == null ? "" : e.sipId();
        }
        List<Appointment> found = new ArrayList<>();
        for (Sip s : sips.search(key, sipId, "Appointment", PATIENT_ELEMENT)) {
            for (Appointment a : AppointmentMapper.toAppointments(s, sips.patientKey(s))) {
                if ((wanted == null || wanted.equals(a.getIdElement().getIdPart()))
                        && SipResources.matches(status, a.getStatus().toCode(), APPOINTMENT_STATUS)) {
                    found.add(a);
                }
            }
        }
        return SearchResults.of(request, found);
    }
}
