/**
 * The SIP (samordnad individuell plan, coordinated individual plan) as a framework-free domain
 * model: the plan that region and municipality draw up together, with the person's consent, when
 * the person needs interventions from both health care and social services (HSL 16 kap. 4 §, SoL
 * 2025:400 10 kap. 8–9 §§; DOMAIN.md §4). Every accepted change yields a new immutable {@link
 * se.naravard.sip.model.Sip} version and a {@link se.naravard.sip.model.SipEvent}; every refusal a
 * list of {@link se.naravard.platform.domain.Rejection}s (codes in {@link
 * se.naravard.sip.model.SipRejections}).
 *
 * <p>Nothing here imports Micronaut, Jakarta, Jackson, JDBC, Kafka or HAPI.
 */
package se.naravard.sip.model;
