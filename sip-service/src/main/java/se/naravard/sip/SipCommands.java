package se.naravard.sip;

import java.util.Optional;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.SipDraft;
import se.naravard.sip.model.SipId;

/** The commands the SIP use cases take, already read and checked for form by the web layer. */
public final class SipCommands {

    private SipCommands() {}

    /** A new SIP: its person and kommun, and whatever else it is drawn up with ({@link SipDraft#empty()}: nothing). */
    public record Draft(PatientIdentifier person, Kommunkod kommun, SipDraft content, Change change) {

        public Draft(PatientIdentifier person, Kommunkod kommun, Change change) {
            this(person, kommun, SipDraft.empty(), change);
        }
    }

    /** Which SIP a change is for, and the version (If-Match) the caller based it on. */
    public record Target(SipId id, int expectedVersion) {}

    /** The status a caller asks for; the domain decides whether the move is legal. */
    public enum TargetStatus {
        ACTIVE("active"),
        COMPLETED("completed"),
        CANCELLED("cancelled"),
        ENTERED_IN_ERROR("entered-in-error");

        private final String code;

        TargetStatus(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<TargetStatus> fromCode(String code) {
            for (TargetStatus t : values()) {
                if (t.code.equals(code)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
