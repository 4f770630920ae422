package se.naravard.gateway.consent;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.access.CareRelations;
import se.naravard.gateway.block.BlockMapper;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.block.CareBlocks;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientsOf;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;
import se.naravard.platform.security.Caller;

/**
 * Consent: a SIP's samtycke ({@code sip-<sip id>-c<n>}: given in sip-service or with the SIP's
 * transaction Bundle, revoked here with an update to status inactive) and a spärr ({@code sparr-<uuid>}, {@link BlockMapper}): read, vread, history, search by
 * patient, status, _id; a spärr is registered with create and lifted with an update to status inactive,
 * by the care provider whose records it blocks (the access rules keep a block from everyone else).
 */
public final class ConsentProvider implements IResourceProvider {

    static final String CONSENT_STATE = "http://hl7.org/fhir/consent-state-codes";

    /** Registering or lifting another care provider's block, or changing a block but by lifting it. */
    public static final String NOT_THE_HOLDER = "GATEWAY-078";

    private final SipReads sips;
    private final PatientResolver patients;
    private final CareBlocks blocks;
    private final SipWrites sipWrites;

    public ConsentProvider(SipReads sips, PatientResolver patients, CareBlocks blocks) {
        this(sips, patients, blocks, null);
    }

    /** With {@code sipWrites}: a SIP's current consent is revoked with an update (status inactive). */
    public ConsentProvider(SipReads sips, PatientResolver patients, CareBlocks blocks, SipWrites sipWrites) {
        this.sips = sips;
        this.patients = patients;
        this.blocks = blocks;
        this.sipWrites = sipWrites;
    }

    @Override
    public Class<Consent> getResourceType() {
        return Consent.class;
    }

    @Read(version = true)
    public Consent read(@IdParam IdType id) {
        UUID blockId = CareBlock.idOf(id.getIdPart());
        if (blockId != null) {
            CareBlock b = block(blockId, id);
            if (id.hasVersionIdPart()) {
                int v = FhirErrors.versionNumber("Consent", id.getIdPart(), id.getVersionIdPart());
                if (v < 1 || v > b.version()) {
                    throw FhirErrors.notFound("Consent", id.getIdPart(), v);
                }
                return BlockMapper.toConsent(b.asOfVersion(v));
            }
            return BlockMapper.toConsent(b);
        }
        SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.CONSENT);
        String sipId = e == null ? null : e.sipId();
        Sip s = id.hasVersionIdPart()
                ? sips.version("Consent", id.getIdPart(), sipId, id.getVersionIdPart())
                : sips.current("Consent", id.getIdPart(), sipId);
        Consent c = ConsentMapper.toConsent(s, e.n(), sips.patientKey(s), Instant.now());
        if (c == null) {
            throw FhirErrors.notFound("Consent", id.getIdPart(), null);
        }
        return c;
    }

    /** The consent in every version of its SIP that has it, newest first (its status as of now). */
    @History
    public List<Consent> history(@IdParam IdType id) {
        UUID blockId = CareBlock.idOf(id.getIdPart());
        if (blockId != null) {
            CareBlock b = block(blockId, id);
            List<Consent> versions = new ArrayList<>();
            for (int v = b.version(); v >= 1; v--) {
                versions.add(BlockMapper.toConsent(b.asOfVersion(v)));
            }
            return versions;
        }
        Instant now = Instant.now();
        return sips.entryHistory(
                "Consent",
                id.getIdPart(),
                SipIds.CONSENT,
                (s, n) -> ConsentMapper.toConsent(s, n, sips.patientKey(s), now));
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Consent.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(name = Consent.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = patient == null ? null : patients.keyFromReference(patient, "patient", "Consent.patient");
        String wanted = SipReads.idValue(id);
        String sipId = null;
        if (wanted != null) {
            SipIds.Entry e = SipIds.entryOf(wanted, SipIds.CONSENT);
            sipId = e == null ? "" : e.sipId();
        }
        Instant now = Instant.now();
        List<Consent> found = new ArrayList<>();
        UUID blockId = CareBlock.idOf(wanted);
        if (blockId != null) {
            blocks.get(blockId)
                    .filter(b -> key == null || key.equals(b.patientKey()))
                    .map(BlockMapper::toConsent)
                    .filter(c -> SipResources.matches(status, c.getStatus().toCode(), CONSENT_STATE))
                    .ifPresent(found::add);
            return SearchResults.of(request, found);
        }
        if (key != null && wanted == null) {
            for (CareBlock b : blocks.all(key)) {
                Consent c = BlockMapper.toConsent(b);
                if (SipResources.matches(status, c.getStatus().toCode(), CONSENT_STATE)) {
                    found.add(c);
                }
            }
        }
        for (Sip s : sips.search(key, sipId, "Consent", "Consent.patient")) {
            for (Consent c : ConsentMapper.toConsents(s, sips.patientKey(s), now)) {
                if ((wanted == null || wanted.equals(c.getIdElement().getIdPart()))
                        && SipResources.matches(status, c.getStatus().toCode(), CONSENT_STATE)) {
                    found.add(c);
                }
            }
        }
        return SearchResults.of(request, found);
    }

    /**
     * Registers a spärr: by the care provider (or unit) whose records it blocks. A Consent of category sip
     * is a new consent of an existing SIP instead ({@code POST /sips/{id}/consents}).
     */
    @Create
    public MethodOutcome create(@ResourceParam Consent incoming, RequestDetails request) {
        if (sipWrites != null && isSipConsent(incoming)) {
            Sip s = sipWrites.giveConsent(incoming, SipWrites.actor(request));
            Consent stored = ConsentMapper.toConsent(s, s.consentsOrEmpty().size(), sips.patientKey(s), Instant.now());
            return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
        }
        BlockMapper.Registration r = BlockMapper.registration(incoming);
        Acting acting = acting(request);
        requireHolder(acting, r.provider(), r.unit());
        CareBlock b = blocks.register(r.patientKey(), r.provider(), r.unit(), acting.hsaId(), acting.unit());
        Consent stored = BlockMapper.toConsent(b);
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
    }

    private static boolean isSipConsent(Consent c) {
        return c.getCategory().stream()
                .flatMap(cc -> cc.getCoding().stream())
                .anyMatch(coding ->
                        Systems.SIP.equals(coding.getCode()) && Systems.CAREPLAN_CATEGORY.equals(coding.getSystem()));
    }

    /**
     * Lifts a spärr: the block with {@code status} inactive, by its holder, with {@code If-Match} on its
     * version. A SIP's consent is not changed here (405).
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Consent incoming, RequestDetails request) {
        UUID blockId = CareBlock.idOf(id.getIdPart());
        if (blockId == null && sipWrites != null && SipIds.isSip(id.getIdPart())) {
            // A SIP's current consent revoked: POST /sips/{id}/consents/revocation.
            Sip s = sipWrites.revokeConsent(id.getIdPart(), id.getVersionIdPart(), incoming, SipWrites.actor(request));
            SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.CONSENT);
            Consent stored = ConsentMapper.toConsent(s, e.n(), sips.patientKey(s), Instant.now());
            return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
        }
        if (blockId == null) {
            throw FhirErrors.readOnly(
                    "Consent", "a SIP's consent is given in sip-service; only a spärr is lifted here");
        }
        int version = IfMatch.version(id.getVersionIdPart(), "Consent");
        CareBlock b = block(blockId, id);
        Acting acting = acting(request);
        requireHolder(acting, b.provider(), b.unit());
        if (!b.patientKey().equals(PatientsOf.key(incoming.getPatient()))) {
            throw FhirErrors.businessRule(
                    BlockMapper.NOT_A_BLOCK, "Consent.patient", "a spärr's patient does not change");
        }
        IfMatch.requireCurrent(version, b.version());
        if (incoming.getStatus() == Consent.ConsentState.ACTIVE && b.inForce()) {
            Consent same = BlockMapper.toConsent(b);
            return new MethodOutcome(same.getIdElement()).setResource(same).setCreated(false);
        }
        if (incoming.getStatus() != Consent.ConsentState.INACTIVE || !b.inForce()) {
            throw FhirErrors.businessRule(
                    NOT_THE_HOLDER,
                    "Consent.status",
                    "a spärr is only ever lifted (status active → inactive), once; register a new one to block again");
        }
        CareBlock lifted = blocks.lift(blockId, acting.hsaId(), acting.unit())
                .orElseThrow(() -> FhirErrors.notFound("Consent", id.getIdPart(), null));
        Consent stored = BlockMapper.toConsent(lifted);
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    private CareBlock block(UUID blockId, IdType id) {
        return blocks.get(blockId).orElseThrow(() -> FhirErrors.notFound("Consent", id.getIdPart(), null));
    }

    /** Who registers or lifts: the token's person or system and unit; without security, X-Provenance's. */
    private record Acting(String hsaId, String unit) {}

    private static Acting acting(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller == null) {
            RequestActor.Actor a = RequestActor.from(request);
            return new Acting(a.person(), a.unit());
        }
        return new Acting(caller.hsaId(), caller.careUnit());
    }

    /** Only the holder blocks its records, and lifts the block: its care provider, or that unit. */
    private static void requireHolder(Acting acting, String provider, String unit) {
        boolean holder = unit != null
                ? unit.equals(acting.unit())
                : provider.equals(CareRelations.provider(acting.unit() != null ? acting.unit() : acting.hsaId()));
        if (!holder) {
            throw FhirErrors.withStatus(
                    403,
                    new FhirErrors.Issue(
                            org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN,
                            NOT_THE_HOLDER,
                            "a spärr is registered and lifted by the care provider (or unit) whose records it blocks",
                            List.of("Consent.organization"),
                            null));
        }
    }
}
