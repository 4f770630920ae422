package se.naravard.platform.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymous patient key: HMAC-SHA256 over the identifier system and value with a secret
 * shared by the services, as 32 hex characters. It is the Kafka record key and a CloudEvent
 * extension, so partitioning, ordering, logs and broker tooling never show a personnummer. A plain
 * hash would not do: there are only about 10^9 personnummer, and each can be hashed in nanoseconds.
 * Every service of one installation must use the same secret, or one patient's events would spread
 * over several keys.
 */
public final class PatientKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /** A Mac per thread: Mac.getInstance is costly and a Mac is not thread-safe. */
    private final ThreadLocal<Mac> macs;

    public PatientKeys(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the patient-key secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * @param system the FHIR identifier system (personnummer or samordningsnummer)
     * @param value the normalized identifier
     */
    public String keyFor(String system, String value) {
        Mac mac = macs.get();
        mac.update(system.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '|');
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
