package se.naravard.contract.model;

import java.util.Objects;
import java.util.UUID;

/** Identity of one patientkontrakt across all its versions. */
public record ContractId(UUID value) {

    public ContractId {
        Objects.requireNonNull(value, "value");
    }

    public static ContractId newId() {
        return new ContractId(UUID.randomUUID());
    }

    public static ContractId of(String value) {
        return new ContractId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
