package se.naravard.gateway.followup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built facts with valid defaults: one builder method per kind, overriding what a test is about. */
final class FollowUpFixtures {

    static final String KEY = "9d1c3f0e8a7b6c5d4e3f2a1b0c9d8e7f";
    static final String JONKOPING = "0680";
    static final String NASSJO = "0682";
    static final String VC01 = "SE2321000057-VC01";
    static final String VC02 = "SE2321000057-VC02";
    static final String VC03 = "SE2321000057-VC03";

    private static int seq;

    private FollowUpFixtures() {}

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static Facts.ContractVersion contract(String id, long version, String validFrom, String status, boolean complete) {
        return contract(id, version, validFrom, status, complete, VC01, JONKOPING);
    }

    static Facts.ContractVersion contract(
            String id, long version, String validFrom, String status, boolean complete, String unit, String kommun) {
        return new Facts.ContractVersion(
                id, version, at(validFrom), KEY, kommun, unit, status, true, true, complete, true);
    }

    /** {@code n} complete active contracts of {@code unit} in {@code kommun}, active since 1 January 2026. */
    static List<Facts.ContractVersion> activeContracts(int n, String unit, String kommun) {
        List<Facts.ContractVersion> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(contract("c" + (seq++), 1, "2026-01-01T10:00:00Z", "active", true, unit, kommun));
        }
        return out;
    }

    static Facts.Episode episode(String id, String admittedAt, String noticeAt) {
        return new Facts.Episode(
                id,
                3,
                KEY,
                JONKOPING,
                "SE2321000057-AVD1",
                at(admittedAt),
                noticeAt == null ? null : at(noticeAt),
                false,
                null,
                null,
                null);
    }

    static Facts.Episode callIn(String id, boolean needsBoth, String readyAt, String state) {
        return new Facts.Episode(
                id,
                5,
                KEY,
                JONKOPING,
                "SE2321000057-AVD1",
                at("2026-01-01T08:00:00Z"),
                null,
                needsBoth,
                at(readyAt),
                null,
                state);
    }

    static Facts.Episode discharge(String id, String readyAt, String dischargedAt) {
        return new Facts.Episode(
                id,
                7,
                KEY,
                JONKOPING,
                "SE2321000057-AVD1",
                at("2026-01-01T08:00:00Z"),
                null,
                true,
                readyAt == null ? null : at(readyAt),
                at(dischargedAt),
                "met");
    }

    static Facts.SipVersion sip(String id, String status, String consentFrom, String consentUntil, String revokedAt) {
        return new Facts.SipVersion(
                id,
                4,
                at("2026-01-02T09:00:00Z"),
                KEY,
                JONKOPING,
                VC01,
                status,
                consentFrom == null ? null : at(consentFrom),
                FollowUpEvents.instant(consentUntil, true),
                revokedAt == null ? null : at(revokedAt));
    }

    static Facts.Acknowledgement ack(String messageId, String sentAt, String acknowledgedAt) {
        return new Facts.Acknowledgement(
                messageId,
                "SE2120000530-HT01",
                "e1",
                KEY,
                JONKOPING,
                at(sentAt),
                acknowledgedAt == null ? null : at(acknowledgedAt));
    }

    static Indicator.FollowUpData contracts(List<Facts.ContractVersion> contracts) {
        return new Indicator.FollowUpData(contracts, List.of(), List.of(), List.of());
    }

    static Indicator.FollowUpData episodes(List<Facts.Episode> episodes) {
        return new Indicator.FollowUpData(List.of(), List.of(), episodes, List.of());
    }
}
