package se.naravard.gateway.access;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.contract.ContractDocs;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.sip.SipDocs;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * Who is in a care relation with one patient, read from the patient's current contracts, SIPs and
 * inpatient episodes (DOMAIN.md §7: "access requires an active care relation (care team, LUS episode,
 * SIP participant)"). Nothing here is stored: it is derived on demand from the same documents the
 * answer is made of, so a change (a new fast vårdkontakt, a revoked consent) counts as soon as the
 * gateway sees the document.
 *
 * @param kommuner the municipality codes of the patient's documents (their residence when written)
 * @param units the HSA-ids of the care units with a relation: a contract part's owner, delegate or
 *     contact unit, the fast vårdkontakt's unit and the vårdcentral of the fast läkarkontakt, a next
 *     step's unit; an episode's admitting unit and its LUS messages' addressees; a SIP's participant
 *     units; the units that wrote any of them
 * @param persons the HSA-ids of the persons named in them (fast vårdkontakt and substitute, fast
 *     läkarkontakt, a next step's performer, whoever wrote them)
 * @param sips what each SIP shares with whom, by SIP id
 * @param messages the addressees of each LUS message, by message id
 * @param holders the unit that holds (wrote) each record, by the id its resources are made from: a
 *     contract's id (the unit that drew it up), a SIP's id (its author), an episode's id and those of
 *     its LUS messages and deadline tasks (the admitting unit)
 * @param blocks the patient's spärrar in force (not read from the documents: from the gateway's own
 *     database, {@link #withBlocks})
 */
public record CareRelations(
        Set<String> kommuner,
        Set<String> units,
        Set<String> persons,
        Map<String, SipShare> sips,
        Map<String, List<TransitionDocs.Addressee>> messages,
        Map<String, String> holders,
        List<CareBlock> blocks) {

    /** No documents: no one but the patient has a relation. */
    public static final CareRelations NONE =
            new CareRelations(Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), Map.of(), List.of());

    /** These relations under the patient's blocks in force. */
    public CareRelations withBlocks(List<CareBlock> inForce) {
        return new CareRelations(kommuner, units, persons, sips, messages, holders, List.copyOf(inForce));
    }

    /**
     * What a SIP may be shown to: its own author's care provider (the SIP is that provider's record
     * too), and, while the current consent is in force, the units and organisations the consent names
     * (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8 §: the plan exists by the person's consent).
     *
     * @param authorUnit the HSA-id of the unit that drew the SIP up; may be null
     * @param consentInForce the last consent is given, not revoked, and today is within its dates
     * @param covered the HSA-ids the consent covers: its organisations and its participants' units
     */
    public record SipShare(String authorUnit, boolean consentInForce, Set<String> covered) {}

    /**
     * The relations in these documents, entered-in-error ones too: the unit that wrote a document in
     * error still holds it and must be able to correct it (and every access is logged).
     */
    public static CareRelations of(List<Contract> contracts, List<Sip> sips, List<Episode> episodes, LocalDate today) {
        Set<String> kommuner = new HashSet<>();
        Set<String> units = new HashSet<>();
        Set<String> persons = new HashSet<>();
        Map<String, SipShare> shares = new HashMap<>();
        Map<String, List<TransitionDocs.Addressee>> messages = new HashMap<>();
        Map<String, String> holders = new HashMap<>();
        for (Contract c : contracts) {
            add(kommuner, c.kommun());
            addContract(c, units, persons);
            if (c.created() != null
                    && c.created().actor() != null
                    && c.created().actor().unit() != null) {
                holders.put(c.id(), c.created().actor().unit());
            }
        }
        for (Sip s : sips) {
            add(kommuner, s.kommun());
            for (SipDocs.Participant p : s.participantsOrEmpty()) {
                add(units, p.unit());
            }
            addSipChange(s.created(), units, persons);
            addSipChange(s.lastChange(), units, persons);
            SipShare share = share(s, today);
            shares.put(s.id(), share);
            if (share.authorUnit() != null) {
                holders.put(s.id(), share.authorUnit());
            }
        }
        for (Episode e : episodes) {
            add(kommuner, e.kommun());
            add(units, e.admittingUnit());
            for (TransitionDocs.Message m : e.messagesOrEmpty()) {
                for (TransitionDocs.Addressee a : m.addresseesOrEmpty()) {
                    add(units, a.unit());
                }
                messages.put(m.id(), m.addresseesOrEmpty());
                holdBy(holders, m.id(), e.admittingUnit());
            }
            holdBy(holders, e.id(), e.admittingUnit());
            for (TransitionDocs.DeadlineTask t : e.tasksOrEmpty()) {
                holdBy(holders, t.id(), e.admittingUnit());
            }
            if (e.lastChange() != null && e.lastChange().actor() != null) {
                add(units, e.lastChange().actor().unit());
                add(persons, e.lastChange().actor().person());
            }
        }
        return new CareRelations(
                Set.copyOf(kommuner), Set.copyOf(units), Set.copyOf(persons), shares, messages, holders, List.of());
    }

    private static void holdBy(Map<String, String> holders, String id, String unit) {
        if (id != null && unit != null) {
            holders.put(id, unit);
        }
    }

    /**
     * The care providers with a relation: the organisation part of each unit's HSA-id ({@code
     * SE2321000057} of {@code SE2321000057-VC01}, the vårdgivare's organisation number).
     */
    public Set<String> providers() {
        Set<String> providers = new HashSet<>();
        units.forEach(u -> providers.add(provider(u)));
        return providers;
    }

    /** The organisation part of an HSA-id: everything before its first {@code -}. */
    public static String provider(String hsaId) {
        if (hsaId == null) {
            return null;
        }
        int dash = hsaId.indexOf('-');
        return dash > 0 ? hsaId.substring(0, dash) : hsaId;
    }

    private static void addContract(Contract c, Set<String> units, Set<String> persons) {
        ContractDocs.Parts parts = c.partsOrEmpty();
        if (parts.planning() != null) {
            add(units, parts.planning().owner());
            addAll(units, parts.planning().delegates());
            if (parts.planning().contacts() != null) {
                parts.planning().contacts().forEach(contact -> add(units, contact.unit()));
            }
        }
        ContractDocs.FastVardkontakt fvk = parts.fastVardkontakt();
        if (fvk != null) {
            add(units, fvk.owner());
            addAll(units, fvk.delegates());
            add(units, fvk.unit());
            if (fvk.person() != null) {
                add(persons, fvk.person().hsaId());
            }
            if (fvk.substitute() != null) {
                add(persons, fvk.substitute().hsaId());
            }
        }
        ContractDocs.FastLakarkontakt flk = parts.fastLakarkontakt();
        if (flk != null) {
            add(units, flk.owner());
            addAll(units, flk.delegates());
            add(units, flk.vardcentral());
            if (flk.physician() != null) {
                add(persons, flk.physician().hsaId());
            }
        }
        ContractDocs.NextSteps next = parts.nextSteps();
        if (next != null) {
            add(units, next.owner());
            addAll(units, next.delegates());
            if (next.steps() != null) {
                for (ContractDocs.NextStep step : next.steps()) {
                    if (step.who() != null) {
                        add(units, step.who().unit());
                        add(persons, step.who().person());
                    }
                }
            }
        }
        for (ContractDocs.Change change : new ContractDocs.Change[] {c.created(), c.lastChange()}) {
            if (change != null && change.actor() != null) {
                add(units, change.actor().unit());
                add(persons, change.actor().person());
            }
        }
    }

    private static void addSipChange(SipDocs.Change change, Set<String> units, Set<String> persons) {
        if (change != null && change.actor() != null) {
            add(units, change.actor().unit());
            add(persons, change.actor().person());
        }
    }

    static SipShare share(Sip s, LocalDate today) {
        String author = s.created() == null || s.created().actor() == null
                ? null
                : s.created().actor().unit();
        List<SipDocs.Consent> consents = s.consentsOrEmpty();
        if (consents.isEmpty()) {
            return new SipShare(author, false, Set.of());
        }
        SipDocs.Consent current = consents.get(consents.size() - 1);
        boolean inForce = current.revocation() == null
                && (current.from() == null
                        || !LocalDate.parse(current.from().substring(0, 10)).isAfter(today))
                && (current.to() == null
                        || !LocalDate.parse(current.to().substring(0, 10)).isBefore(today));
        Set<String> covered = new HashSet<>();
        if (current.scope() != null) {
            covered.addAll(current.scope().organisationsOrEmpty());
            for (String participantId : current.scope().participantsOrEmpty()) {
                SipDocs.Participant p = s.participant(participantId);
                if (p != null && p.unit() != null) {
                    covered.add(p.unit());
                }
            }
        }
        return new SipShare(author, inForce, Set.copyOf(covered));
    }

    private static void add(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    private static void addAll(Set<String> set, List<String> values) {
        if (values != null) {
            values.forEach(v -> add(set, v));
        }
    }
}
