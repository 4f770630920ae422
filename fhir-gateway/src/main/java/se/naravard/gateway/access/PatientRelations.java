package se.naravard.gateway.access;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * One patient's {@link CareRelations}, read a source at a time as a decision needs them: contracts
 * first, then SIPs, then episodes. Most requests are decided by the first (a journal system reading a
 * contract of its own unit), so the others are not asked. This is sound because every rule of {@link
 * AccessPolicy} only ever allows more as documents are added (more units, kommuner, messages; a SIP's
 * share is read from the SIP itself): an allow on part of the documents is an allow on all of them.
 *
 * <p>Spärr breaks that: a block can only take away. So the patient's blocks in force are read first (from
 * the gateway's own database, never skipped: if they cannot be read, nothing is shown), and a patient
 * with any has all their documents read before the first decision, so every record's holder is known.
 *
 * <p>A source that is down (503) or slow (504) is skipped: what the others show may still allow; a
 * refusal that the missing source might have turned is not a 403 but that source's 503/504, since the
 * gateway could not tell.
 */
final class PatientRelations {

    /** Where a patient's documents come from, by patient key. */
    record Sources(
            Function<String, List<Contract>> contracts,
            Function<String, List<Sip>> sips,
            Function<String, List<Episode>> episodes,
            Function<String, List<CareBlock>> blocks,
            Supplier<LocalDate> today) {}

    private final String patientKey;
    private final Sources sources;
    private List<Contract> contracts = List.of();
    private List<Sip> sips = List.of();
    private List<Episode> episodes = List.of();
    private List<CareBlock> blocks;
    private int loaded;
    private CareRelations relations = CareRelations.NONE;
    private BaseServerResponseException unreadable;

    PatientRelations(String patientKey, Sources sources) {
        this.patientKey = patientKey;
        this.sources = sources;
    }

    /** The relations in the documents read so far. */
    CareRelations current() {
        return relations;
    }

    /** Reads the next source; false when all have been read. */
    boolean readMore() {
        if (blocks == null) {
            blocks = sources.blocks().apply(patientKey);
            if (!blocks.isEmpty()) {
                while (loaded < 3) {
                    read();
                }
            }
            relations = CareRelations.of(
                            contracts, sips, episodes, sources.today().get())
                    .withBlocks(blocks);
            return true;
        }
        if (loaded == 3) {
            return false;
        }
        read();
        relations = CareRelations.of(contracts, sips, episodes, sources.today().get())
                .withBlocks(blocks);
        return true;
    }

    private void read() {
        try {
            switch (loaded) {
                case 0 -> contracts = sources.contracts().apply(patientKey);
                case 1 -> sips = sources.sips().apply(patientKey);
                default -> episodes = sources.episodes().apply(patientKey);
            }
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() != 503 && e.getStatusCode() != 504) {
                throw e;
            }
            if (unreadable == null) {
                unreadable = e;
            }
        }
        loaded++;
    }

    /** The failure of a source that could not be read, or null when all that were read answered. */
    BaseServerResponseException unreadable() {
        return unreadable;
    }
}
