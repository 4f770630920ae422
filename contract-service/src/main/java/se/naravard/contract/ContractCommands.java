package se.naravard.contract;

import java.util.List;
import se.naravard.contract.model.Change;
import se.naravard.contract.model.Part;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/** The commands the contract use cases take, already read and checked for form by the web layer. */
public final class ContractCommands {

    private ContractCommands() {}

    public record Create(PatientIdentifier patient, Kommunkod kommun, List<Part> parts, Change change) {}

    /** The status a caller asks for; the domain decides whether the move is legal. */
    public enum TargetStatus {
        ACTIVE("active"),
        COMPLETED("completed"),
        REVOKED("revoked"),
        ENTERED_IN_ERROR("entered-in-error");

        private final String code;

        TargetStatus(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static java.util.Optional<TargetStatus> fromCode(String code) {
            for (TargetStatus t : values()) {
                if (t.code.equals(code)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
