package se.naravard.gateway.communication;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.transition.TransitionDocs.Addressee;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.Message;
import se.naravard.gateway.transition.TransitionDocs.Receipt;

/**
 * The LUS messages of an episode as {@code Communication}s ({@code id} = the message id): the message
 * type as category, sender and addressees by HSA-id, the withdrawn or cancelled message as {@code
 * inResponseTo}, each kvittens as a {@code lus-receipt} extension; a message cancelled by
 * makulering is {@code entered-in-error}.
 */
public final class CommunicationMapper {

    /** The message types of LUS (transition-service's codes) and their display. */
    public static final Map<String, String> MESSAGE_TYPES = Map.of(
            "inskrivningsmeddelande", "Inskrivningsmeddelande",
            "planeringsunderlag", "Planeringsunderlag",
            "utskrivningsklar", "Underrättelse om utskrivningsklar",
            "atertagande-utskrivningsklar", "Återtagande av utskrivningsklar",
            "utskrivningsmeddelande", "Utskrivningsmeddelande",
            "kallelse-sip", "Kallelse till SIP",
            "makulering", "Makulering",
            "patient-avliden", "Patienten avliden",
            "patient-flyttad", "Patienten flyttad",
            "avbrott", "Avbrott");

    private CommunicationMapper() {}

    public static List<Communication> toCommunications(Episode e, String patientKey) {
        List<Communication> all = new ArrayList<>();
        for (Message m : e.messagesOrEmpty()) {
            all.add(toCommunication(e, m, patientKey));
        }
        return all;
    }

    public static Communication toCommunication(Episode e, Message m, String patientKey) {
        Communication c = new Communication();
        c.setId("Communication/" + m.id());
        c.setMeta(new Meta()
                .setLastUpdatedElement(References.instant(
                        e.lastChange() == null ? null : e.lastChange().at())));
        c.setText(References.narrative("LUS-meddelande: " + display(m.type())));
        c.addIdentifier(new Identifier().setSystem(Systems.LUS_MESSAGE_ID).setValue(m.id()));
        boolean cancelled = !isBlank(m.cancelledBy());
        c.setStatus(cancelled ? CommunicationStatus.ENTEREDINERROR : CommunicationStatus.COMPLETED);
        if (cancelled) {
            c.setStatusReason(new CodeableConcept().setText("Makulerad"));
        }
        if (!isBlank(m.type())) {
            c.addCategory(new CodeableConcept()
                    .addCoding(new Coding(Systems.LUS_MESSAGE_TYPE, m.type(), MESSAGE_TYPES.get(m.type()))));
        }
        c.setSubject(References.patient(patientKey));
        c.setEncounter(new Reference("Encounter/" + e.id()));
        if (!isBlank(m.refersTo())) {
            c.addInResponseTo(new Reference("Communication/" + m.refersTo()));
        }
        var sent = References.dateTime(m.sentAt());
        if (sent != null) {
            c.setSentElement(sent);
        }
        Reference sender = References.organization(m.sender(), null);
        if (sender != null) {
            c.setSender(sender);
        }
        for (Addressee a : m.addresseesOrEmpty()) {
            Reference recipient = References.organization(a.unit(), null);
            if (recipient == null) {
                continue;
            }
            if (!isBlank(a.kind())) {
                recipient.addExtension(Systems.EXT_ADDRESSEE_KIND, new CodeType(a.kind()));
            }
            if (!isBlank(a.kommun())) {
                recipient.addExtension(Systems.EXT_KOMMUN, new CodeType(a.kommun()));
            }
            c.addRecipient(recipient);
        }
        for (Receipt r : m.receiptsOrEmpty()) {
            c.addExtension(receipt(r));
        }
        return c;
    }

    /**
     * A kvittens as a complex extension: {@code addressee} (Organization by HSA-id), {@code status}
     * (ok, transient-error, fatal-error), {@code at}, {@code kind} (automatic, application), {@code reason}.
     */
    static Extension receipt(Receipt r) {
        Extension ext = new Extension(Systems.EXT_RECEIPT);
        Reference from = References.organization(r.addressee(), null);
        if (from != null) {
            ext.addExtension("addressee", from);
        }
        if (!isBlank(r.status())) {
            ext.addExtension("status", new CodeType(r.status()));
        }
        var at = References.dateTime(r.at());
        if (at != null) {
            ext.addExtension("at", at);
        }
        if (!isBlank(r.kind())) {
            ext.addExtension("kind", new CodeType(r.kind()));
        }
        if (!isBlank(r.reason())) {
            ext.addExtension("reason", new StringType(r.reason()));
        }
        return ext;
    }

    static String display(String type) {
        String d = type == null ? null : MESSAGE_TYPES.get(type);
        return d == null ? (type == null ? "okänd typ" : type) : d;
    }
}
