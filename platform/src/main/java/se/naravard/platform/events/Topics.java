package se.naravard.platform.events;

/** Topic names. Record key = patient key on every topic; dead letters go to {@code <topic>.dlq}. */
public final class Topics {

    public static final String CONTRACT_EVENTS = "contract.events";
    public static final String SIP_EVENTS = "sip.events";
    public static final String TRANSITION_EVENTS = "transition.events";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
