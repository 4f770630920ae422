package se.naravard.sip.model;

/**
 * Huvudman: who is responsible for an intervention or takes part. REGION (hälso- och sjukvård) and
 * MUNICIPALITY (socialtjänst, kommunal hälso- och sjukvård) are the two principals the law obliges to
 * draw up the plan (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8 §); OTHER covers measures by others,
 * e.g. school or Försäkringskassan (DOMAIN.md §4, required content 3).
 */
public enum Principal {
    REGION,
    MUNICIPALITY,
    OTHER
}
