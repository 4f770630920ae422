package se.naravard.transition.episode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.naravard.platform.identity.HsaId;

/**
 * One message of an episode. {@code refersTo} names the message a makulering cancels or an återtagande
 * withdraws; {@code receipts} are the kvittenser recorded so far; {@code cancelledBy} is the makulering
 * that marked this message entered-in-error ({@code null} while it stands). Deadlines run from {@code
 * sentAt} (DOMAIN.md §5 "Message set").
 */
public record Message(
        MessageId id,
        MessageType type,
        Instant sentAt,
        HsaId sender,
        List<Addressee> addressees,
        MessageId refersTo,
        List<Receipt> receipts,
        MessageId cancelledBy) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(sender, "sender");
        addressees = List.copyOf(addressees);
        receipts = List.copyOf(receipts);
    }

    /** A message as handed to {@link Episode#send}: no receipts yet, not cancelled. */
    public static Message of(MessageId id, MessageType type, Instant sentAt, HsaId sender, List<Addressee> addressees) {
        return new Message(id, type, sentAt, sender, addressees, null, List.of(), null);
    }

    /** This message referring to {@code other} (makulering, återtagande). */
    public Message referringTo(MessageId other) {
        return new Message(id, type, sentAt, sender, addressees, other, receipts, cancelledBy);
    }

    public Optional<MessageId> reference() {
        return Optional.ofNullable(refersTo);
    }

    public boolean isCancelled() {
        return cancelledBy != null;
    }

    /** Standing: not cancelled, and not itself a makulering. */
    boolean isLive() {
        return !isCancelled() && type != MessageType.MAKULERING;
    }

    boolean isAddressedTo(HsaId unit) {
        return addressees.stream().anyMatch(a -> a.unit().equals(unit));
    }

    /** The form stored when sent: receipts and cancellation are recorded by the episode, not the caller. */
    Message asSent() {
        return new Message(id, type, sentAt, sender, addressees, refersTo, List.of(), null);
    }

    Message withReceipt(Receipt receipt) {
        var next = new ArrayList<>(receipts);
        next.add(receipt);
        return new Message(id, type, sentAt, sender, addressees, refersTo, next, cancelledBy);
    }

    Message cancelledBy(MessageId makulering) {
        return new Message(id, type, sentAt, sender, addressees, refersTo, receipts, makulering);
    }
}
