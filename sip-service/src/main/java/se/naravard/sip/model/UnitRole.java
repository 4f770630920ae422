package se.naravard.sip.model;

/** What a region or municipal unit contributes to the SIP (DOMAIN.md §4 "Participants"). */
public enum UnitRole {
    PRIMARY_CARE,
    SPECIALIST_CARE,
    PSYCHIATRY,
    HABILITATION,
    MUNICIPAL_HEALTH_CARE,
    SOCIAL_SERVICES
}
