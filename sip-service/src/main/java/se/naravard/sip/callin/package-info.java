/**
 * The SIP call-in task (kallelse till SIP, DOMAIN.md §5 step 5) in plain Java: what the episode state
 * carried by {@code transition.events} requires of sip-service ({@link CallInReconciler}) and the
 * rules of completing a task ({@link CallIn#complete}). No framework, database or broker types here.
 */
package se.naravard.sip.callin;
