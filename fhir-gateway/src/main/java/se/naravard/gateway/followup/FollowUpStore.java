package se.naravard.gateway.followup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The follow-up store in the gateway's own database (V6__followup.sql): facts written in the event
 * consumer's transaction ({@link #apply}), read per month ({@link #load}). Plain JDBC: the tables are
 * few and the queries are the definitions' time windows.
 */
public final class FollowUpStore {

    private final DataSource dataSource;

    public FollowUpStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the facts of one event in {@code tx} (the consumer's transaction). */
    public static void apply(Connection tx, FollowUpEvents.Extracted facts) throws SQLException {
        for (Facts.ContractVersion c : facts.contracts()) {
            contract(tx, c);
            if (newestContractVersion(tx, c)) {
                nextSteps(tx, c, facts.nextSteps());
            }
        }
        for (Facts.SipVersion s : facts.sips()) {
            sip(tx, s);
        }
        for (Facts.SipMeeting m : facts.sipMeetings()) {
            if (sipMeeting(tx, m)) {
                sipFollowUps(tx, m, facts.sipFollowUps());
            }
        }
        for (Facts.Episode e : facts.episodes()) {
            if (episode(tx, e)) {
                acknowledgements(tx, e, facts.acknowledgements());
            }
        }
    }

    private static void contract(Connection tx, Facts.ContractVersion c) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_contract_version (contract_id, version, valid_from, patient_key, kommun, unit,"
                        + " status, planning, fast_vardkontakt, fast_lakarkontakt, next_steps)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (contract_id, version) DO NOTHING")) {
            s.setString(1, c.contractId());
            s.setLong(2, c.version());
            s.setTimestamp(3, ts(c.validFrom()));
            s.setString(4, c.patientKey());
            s.setString(5, c.kommun());
            s.setString(6, c.unit());
            s.setString(7, c.status());
            s.setBoolean(8, c.planning());
            s.setBoolean(9, c.fastVardkontakt());
            s.setBoolean(10, c.fastLakarkontakt());
            s.setBoolean(11, c.nextSteps());
            s.executeUpdate();
        }
    }

    /** True if {@code c} is the newest version of its contract stored (it was just stored itself). */
    private static boolean newestContractVersion(Connection tx, Facts.ContractVersion c) throws SQLException {
        try (PreparedStatement s =
                tx.prepareStatement("SELECT max(version) FROM followup_contract_version WHERE contract_id = ?")) {
            s.setString(1, c.contractId());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) == c.version();
            }
        }
    }

    /** The newest contract version's next steps replace those stored for the contract. */
    private static void nextSteps(Connection tx, Facts.ContractVersion newest, List<Facts.NextStep> steps)
            throws SQLException {
        try (PreparedStatement d = tx.prepareStatement("DELETE FROM followup_next_step WHERE contract_id = ?")) {
            d.setString(1, newest.contractId());
            d.executeUpdate();
        }
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_next_step (contract_id, step_id, contract_version, patient_key, kommun, unit,"
                        + " status, due_date, completed_at) VALUES (?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (contract_id, step_id) DO NOTHING")) {
            for (Facts.NextStep n : steps) {
                if (!n.contractId().equals(newest.contractId())) {
                    continue;
                }
                s.setString(1, n.contractId());
                s.setString(2, n.stepId());
                s.setLong(3, n.contractVersion());
                s.setString(4, n.patientKey());
                s.setString(5, n.kommun());
                s.setString(6, n.unit());
                s.setString(7, n.status());
                s.setObject(8, n.dueDate());
                s.setTimestamp(9, ts(n.completedAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void sip(Connection tx, Facts.SipVersion v) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_sip_version (sip_id, version, valid_from, patient_key, kommun, unit, status,"
                        + " consent_from, consent_until, consent_revoked_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (sip_id, version) DO NOTHING")) {
            s.setString(1, v.sipId());
            s.setLong(2, v.version());
            s.setTimestamp(3, ts(v.validFrom()));
            s.setString(4, v.patientKey());
            s.setString(5, v.kommun());
            s.setString(6, v.unit());
            s.setString(7, v.status());
            s.setTimestamp(8, ts(v.consentFrom()));
            s.setTimestamp(9, ts(v.consentUntil()));
            s.setTimestamp(10, ts(v.consentRevokedAt()));
            s.executeUpdate();
        }
    }

    /**
     * Merges a SIP version's meeting facts: the first call and the first held meeting are the earliest
     * seen; status, unit and kommun come from the newest version. True if this is (now) the newest.
     */
    private static boolean sipMeeting(Connection tx, Facts.SipMeeting m) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_sip_meeting (sip_id, version, patient_key, kommun, unit, status, called_at,"
                        + " held_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (sip_id) DO UPDATE SET"
                        + " called_at = LEAST(followup_sip_meeting.called_at, excluded.called_at),"
                        + " held_at = LEAST(followup_sip_meeting.held_at, excluded.held_at),"
                        + " version = GREATEST(followup_sip_meeting.version, excluded.version),"
                        + " kommun = CASE WHEN excluded.version >= followup_sip_meeting.version"
                        + " THEN excluded.kommun ELSE followup_sip_meeting.kommun END,"
                        + " unit = CASE WHEN excluded.version >= followup_sip_meeting.version"
                        + " THEN excluded.unit ELSE followup_sip_meeting.unit END,"
                        + " status = CASE WHEN excluded.version >= followup_sip_meeting.version"
                        + " THEN excluded.status ELSE followup_sip_meeting.status END"
                        + " RETURNING version")) {
            s.setString(1, m.sipId());
            s.setLong(2, m.version());
            s.setString(3, m.patientKey());
            s.setString(4, m.kommun());
            s.setString(5, m.unit());
            s.setString(6, m.status());
            s.setTimestamp(7, ts(m.calledAt()));
            s.setTimestamp(8, ts(m.heldAt()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) == m.version();
            }
        }
    }

    /** The newest SIP version's planned follow-ups replace those stored for the SIP. */
    private static void sipFollowUps(Connection tx, Facts.SipMeeting newest, List<Facts.SipFollowUp> followUps)
            throws SQLException {
        try (PreparedStatement d = tx.prepareStatement("DELETE FROM followup_sip_follow_up WHERE sip_id = ?")) {
            d.setString(1, newest.sipId());
            d.executeUpdate();
        }
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_sip_follow_up (sip_id, position, sip_version, patient_key, kommun, unit,"
                        + " status, due_date, done_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (Facts.SipFollowUp f : followUps) {
                s.setString(1, f.sipId());
                s.setInt(2, f.position());
                s.setLong(3, f.sipVersion());
                s.setString(4, f.patientKey());
                s.setString(5, f.kommun());
                s.setString(6, f.unit());
                s.setString(7, f.status());
                s.setObject(8, f.dueDate());
                s.setTimestamp(9, ts(f.doneAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The episode's newest version replaces an older one (several events of one change share a version:
     * the later one, with the same state, replaces it too); an older version changes nothing. A discharge
     * time and an admission kind once seen are kept. True if the row was written.
     */
    private static boolean episode(Connection tx, Facts.Episode e) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_episode (episode_id, version, patient_key, kommun, unit, admitted_at,"
                        + " admission_notice_at, needs_both_principals, ready_at, discharged_at, sip_call_in_state,"
                        + " admission_kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (episode_id) DO UPDATE SET"
                        + " version = excluded.version, kommun = excluded.kommun, unit = excluded.unit,"
                        + " admitted_at = excluded.admitted_at, admission_notice_at = excluded.admission_notice_at,"
                        + " needs_both_principals = excluded.needs_both_principals, ready_at = excluded.ready_at,"
                        + " discharged_at = COALESCE(excluded.discharged_at, followup_episode.discharged_at),"
                        + " sip_call_in_state = excluded.sip_call_in_state,"
                        + " admission_kind = COALESCE(excluded.admission_kind, followup_episode.admission_kind)"
                        + " WHERE followup_episode.version <= excluded.version")) {
            s.setString(1, e.episodeId());
            s.setLong(2, e.version());
            s.setString(3, e.patientKey());
            s.setString(4, e.kommun());
            s.setString(5, e.unit());
            s.setTimestamp(6, ts(e.admittedAt()));
            s.setTimestamp(7, ts(e.admissionNoticeAt()));
            s.setBoolean(8, e.needsBothPrincipals());
            s.setTimestamp(9, ts(e.readyAt()));
            s.setTimestamp(10, ts(e.dischargedAt()));
            s.setString(11, e.sipCallInState());
            s.setString(12, e.admissionKind());
            return s.executeUpdate() == 1;
        }
    }

    /** The episode's messages as its newest version lists them: a cancelled message drops out. */
    private static void acknowledgements(Connection tx, Facts.Episode e, List<Facts.Acknowledgement> acks)
            throws SQLException {
        try (PreparedStatement d = tx.prepareStatement("DELETE FROM followup_acknowledgement WHERE episode_id = ?")) {
            d.setString(1, e.episodeId());
            d.executeUpdate();
        }
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO followup_acknowledgement (message_id, addressee, episode_id, episode_version,"
                        + " patient_key, kommun, sent_at, acknowledged_at) VALUES (?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT (message_id, addressee) DO NOTHING")) {
            for (Facts.Acknowledgement a : acks) {
                s.setString(1, a.messageId());
                s.setString(2, a.addressee());
                s.setString(3, a.episodeId());
                s.setLong(4, e.version());
                s.setString(5, a.patientKey());
                s.setString(6, a.kommun());
                s.setTimestamp(7, ts(a.sentAt()));
                s.setTimestamp(8, ts(a.acknowledgedAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The facts a month's indicators need: states at its end, episodes and messages in it. */
    public Indicator.FollowUpData load(Period p, Instant asOf) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return new Indicator.FollowUpData(
                    contracts(c, p.end()),
                    sips(c, p.end()),
                    episodes(c, p),
                    acks(c, p),
                    sipMeetings(c, p),
                    sipFollowUps(c, p),
                    nextSteps(c, p),
                    contractHistory(c, p),
                    laterAdmissions(c, p),
                    asOf,
                    ListingFacts.coveringDay(c, p.lastDay()));
        } catch (SQLException e) {
            throw new IllegalStateException("the follow-up store cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Facts.ContractVersion> contracts(Connection c, Instant end) throws SQLException {
        List<Facts.ContractVersion> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT ON (contract_id) * FROM followup_contract_version WHERE valid_from < ?"
                        + " ORDER BY contract_id, valid_from DESC, version DESC")) {
            s.setTimestamp(1, ts(end));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.ContractVersion(
                            r.getString("contract_id"),
                            r.getLong("version"),
                            instant(r, "valid_from"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            r.getBoolean("planning"),
                            r.getBoolean("fast_vardkontakt"),
                            r.getBoolean("fast_lakarkontakt"),
                            r.getBoolean("next_steps")));
                }
            }
        }
        return out;
    }

    private static List<Facts.SipVersion> sips(Connection c, Instant end) throws SQLException {
        List<Facts.SipVersion> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT DISTINCT ON (sip_id) * FROM followup_sip_version WHERE valid_from < ?"
                        + " ORDER BY sip_id, valid_from DESC, version DESC")) {
            s.setTimestamp(1, ts(end));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.SipVersion(
                            r.getString("sip_id"),
                            r.getLong("version"),
                            instant(r, "valid_from"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            instant(r, "consent_from"),
                            instant(r, "consent_until"),
                            instant(r, "consent_revoked_at")));
                }
            }
        }
        return out;
    }

    private static List<Facts.Episode> episodes(Connection c, Period p) throws SQLException {
        List<Facts.Episode> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_episode WHERE"
                + " (admitted_at >= ? AND admitted_at < ?) OR (ready_at >= ? AND ready_at < ?)"
                + " OR (discharged_at >= ? AND discharged_at < ?) ORDER BY episode_id")) {
            for (int i = 0; i < 3; i++) {
                s.setTimestamp(2 * i + 1, ts(p.start()));
                s.setTimestamp(2 * i + 2, ts(p.end()));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(episode(r));
                }
            }
        }
        return out;
    }

    /**
     * The admissions that may follow a discharge of the month within the readmission window: every
     * episode of the patients discharged in the month, admitted from the month's start until the window
     * after its end has passed ({@link Indicators#READMISSION_WINDOW}).
     */
    private static List<Facts.Episode> laterAdmissions(Connection c, Period p) throws SQLException {
        List<Facts.Episode> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_episode WHERE admitted_at > ?"
                + " AND admitted_at <= ? AND patient_key IN (SELECT patient_key FROM followup_episode"
                + " WHERE discharged_at >= ? AND discharged_at < ?) ORDER BY patient_key, admitted_at, episode_id")) {
            s.setTimestamp(1, ts(p.start()));
            s.setTimestamp(2, ts(p.end().plus(Indicators.READMISSION_WINDOW)));
            s.setTimestamp(3, ts(p.start()));
            s.setTimestamp(4, ts(p.end()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(episode(r));
                }
            }
        }
        return out;
    }

    private static Facts.Episode episode(ResultSet r) throws SQLException {
        return new Facts.Episode(
                r.getString("episode_id"),
                r.getLong("version"),
                r.getString("patient_key"),
                r.getString("kommun"),
                r.getString("unit"),
                instant(r, "admitted_at"),
                instant(r, "admission_notice_at"),
                r.getBoolean("needs_both_principals"),
                instant(r, "ready_at"),
                instant(r, "discharged_at"),
                r.getString("sip_call_in_state"),
                r.getString("admission_kind"));
    }

    private static List<Facts.Acknowledgement> acks(Connection c, Period p) throws SQLException {
        List<Facts.Acknowledgement> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_acknowledgement"
                + " WHERE sent_at >= ? AND sent_at < ? ORDER BY message_id, addressee")) {
            s.setTimestamp(1, ts(p.start()));
            s.setTimestamp(2, ts(p.end()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.Acknowledgement(
                            r.getString("message_id"),
                            r.getString("addressee"),
                            r.getString("episode_id"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            instant(r, "sent_at"),
                            instant(r, "acknowledged_at")));
                }
            }
        }
        return out;
    }

    private static List<Facts.SipMeeting> sipMeetings(Connection c, Period p) throws SQLException {
        List<Facts.SipMeeting> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM followup_sip_meeting" + " WHERE called_at >= ? AND called_at < ? ORDER BY sip_id")) {
            s.setTimestamp(1, ts(p.start()));
            s.setTimestamp(2, ts(p.end()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.SipMeeting(
                            r.getString("sip_id"),
                            r.getLong("version"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            instant(r, "called_at"),
                            instant(r, "held_at")));
                }
            }
        }
        return out;
    }

    private static List<Facts.SipFollowUp> sipFollowUps(Connection c, Period p) throws SQLException {
        List<Facts.SipFollowUp> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_sip_follow_up"
                + " WHERE due_date >= ? AND due_date <= ? ORDER BY sip_id, position")) {
            s.setObject(1, p.firstDay());
            s.setObject(2, p.lastDay());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.SipFollowUp(
                            r.getString("sip_id"),
                            r.getInt("position"),
                            r.getLong("sip_version"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            r.getObject("due_date", java.time.LocalDate.class),
                            instant(r, "done_at")));
                }
            }
        }
        return out;
    }

    private static List<Facts.NextStep> nextSteps(Connection c, Period p) throws SQLException {
        List<Facts.NextStep> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_next_step"
                + " WHERE due_date >= ? AND due_date <= ? ORDER BY contract_id, step_id")) {
            s.setObject(1, p.firstDay());
            s.setObject(2, p.lastDay());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.NextStep(
                            r.getString("contract_id"),
                            r.getString("step_id"),
                            r.getLong("contract_version"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            r.getObject("due_date", java.time.LocalDate.class),
                            instant(r, "completed_at")));
                }
            }
        }
        return out;
    }

    /** Every stored version of the contracts with a next step due in the month: were they in force then? */
    private static List<Facts.ContractVersion> contractHistory(Connection c, Period p) throws SQLException {
        List<Facts.ContractVersion> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_contract_version WHERE contract_id IN"
                + " (SELECT contract_id FROM followup_next_step WHERE due_date >= ? AND due_date <= ?)"
                + " ORDER BY contract_id, version")) {
            s.setObject(1, p.firstDay());
            s.setObject(2, p.lastDay());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Facts.ContractVersion(
                            r.getString("contract_id"),
                            r.getLong("version"),
                            instant(r, "valid_from"),
                            r.getString("patient_key"),
                            r.getString("kommun"),
                            r.getString("unit"),
                            r.getString("status"),
                            r.getBoolean("planning"),
                            r.getBoolean("fast_vardkontakt"),
                            r.getBoolean("fast_lakarkontakt"),
                            r.getBoolean("next_steps")));
                }
            }
        }
        return out;
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
