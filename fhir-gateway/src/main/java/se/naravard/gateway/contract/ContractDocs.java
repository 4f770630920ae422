package se.naravard.gateway.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the gateway reads of contract-service's JSON (docs/contract-api.md; the shapes of {@code
 * se.naravard.contract.document.Docs}). A tolerant reader: unknown fields are ignored, so the
 * service may add fields without breaking the gateway. Any field may be null.
 */
public final class ContractDocs {

    private ContractDocs() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contract(
            String id,
            int version,
            PatientRef patient,
            String kommun,
            Status status,
            Parts parts,
            Change created,
            Change lastChange) {

        /** The parts, never null (a contract may have none yet). */
        public Parts partsOrEmpty() {
            return parts == null ? new Parts(null, null, null, null) : parts;
        }

        public String statusCode() {
            return status == null ? null : status.code();
        }
    }

    /** The patient's identifier: FHIR system URI and the 12-digit value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientRef(String system, String value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String code, String agreedAt, Actor agreedBy, String at, String reason) {}

    /** HSA-ids of the acting person and care unit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String person, String unit) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(String at, Actor actor, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parts(
            @JsonProperty("sammanhallen-planering") Planning planning,
            @JsonProperty("fast-vardkontakt") FastVardkontakt fastVardkontakt,
            @JsonProperty("fast-lakarkontakt") FastLakarkontakt fastLakarkontakt,
            @JsonProperty("nasta-steg") NextSteps nextSteps) {}

    /** Sammanhållen planering: the one coherent plan across the patient's care and omsorg contacts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Planning(
            String owner,
            List<String> delegates,
            List<GoalText> goals,
            List<String> selfCare,
            List<CareContact> contacts,
            List<PlanLink> linkedPlans,
            String medicationListReference,
            String agreedOn) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GoalText(String text) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CareContact(String name, String unit, String role, ContactPath path) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactPath(String phone, String eService, String hours) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanLink(String kind, String reference) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String hsaId, String name, String profession) {}

    /** Fast vårdkontakt: the named person who coordinates the patient's care (PL 6 kap.). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FastVardkontakt(
            String owner,
            List<String> delegates,
            Person person,
            String unit,
            ContactPath reach,
            Person substitute,
            String from,
            String appointedBy) {}

    /** Fast läkarkontakt: the physician in primary care the patient chose (HSL 7 kap. 3 §). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FastLakarkontakt(
            String owner,
            List<String> delegates,
            Person physician,
            String vardcentral,
            String from,
            ContactPath booking) {}

    /** Nästa steg: the next agreed actions and who owns them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NextSteps(String owner, List<String> delegates, List<NextStep> steps) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NextStep(
            String id,
            String what,
            Performer who,
            String date,
            String windowEnd,
            String how,
            String status,
            String completedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Performer(String person, String unit, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionList(String contractId, List<VersionSummary> versions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionSummary(
            int version, String status, String event, String changedAt, Actor changedBy, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContractPage(List<Contract> contracts, int offset, Integer nextOffset) {}

    /**
     * A patient's listings (listning) as {@code GET /listings?patientKey=} answers them: every listing in
     * force at some time, oldest first, never overlapping.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientListings(String patientKey, PatientRef patient, int version, List<Listing> listings) {

        /** The listing in force on {@code day} (a Swedish date), if any. */
        public java.util.Optional<Listing> on(java.time.LocalDate day) {
            return listings == null
                    ? java.util.Optional.empty()
                    : listings.stream().filter(l -> l.covers(day)).findFirst();
        }
    }

    /** One listing: the unit (a vårdcentral's HSA-id) from {@code from} through {@code to} (inclusive; null: lasting). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Listing(
            String unit, String kommun, String county, String from, String to, List<String> targetGroups) {

        public boolean covers(java.time.LocalDate day) {
            return from != null
                    && !java.time.LocalDate.parse(from).isAfter(day)
                    && (to == null || !java.time.LocalDate.parse(to).isBefore(day));
        }
    }
}
