package se.naravard.transition.episode;

/** The LUS message set (DOMAIN.md §5 "Message set"; names as in Meddix/Lifecare SP/SAMSA routines). */
public enum MessageType {
    /** Meddelande om inskrivning: the admission notice, due within 24 hours (§5 step 1). */
    INSKRIVNINGSMEDDELANDE,
    /** Planeringsunderlag: needs, function, aids and expected discharge date (§5 step 2). */
    PLANERINGSUNDERLAG,
    /** Underrättelse om utskrivningsklar: the patient is ready for discharge (§5 step 4). */
    UTSKRIVNINGSKLAR,
    /** Återtagande av utskrivningsklar: the patient is no longer ready; notify at once (§5 step 4). */
    ATERTAGANDE_UTSKRIVNINGSKLAR,
    /** Utskrivningsmeddelande: information no later than the discharge day (§5 step 7). */
    UTSKRIVNINGSMEDDELANDE,
    /** Kallelse till SIP (samordnad individuell plan), within three days of the notice (§5 step 5). */
    KALLELSE_SIP,
    /** Makulering: the message {@code refersTo} was sent in error [PRACTICE]. */
    MAKULERING,
    /** The patient died; closes the episode [PRACTICE]. */
    PATIENT_AVLIDEN,
    /** The patient moved to another unit or region; closes the episode [PRACTICE]. */
    PATIENT_FLYTTAD,
    /** The care transition was interrupted (avbrott); closes the episode [PRACTICE]. */
    AVBROTT
}
