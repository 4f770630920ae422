package se.naravard.contract.model;

/** Kinds of other plans a sammanhållen planering links to. */
public enum PlanKind {
    /** Samordnad individuell plan: region and municipality's joint plan (HSL 16 kap. 4 §, SoL 10 kap. 8 §). */
    SIP,
    /** Rehabiliteringsplan. */
    REHABILITATION,
    /** Vårdplan of a health-care provider. */
    VARDPLAN,
    /** Genomförandeplan: how a social-services provider carries out a decided insats. */
    GENOMFORANDEPLAN,
    OTHER
}
