/**
 * Joint follow-up (gemensam uppföljning, issue 9; DOMAIN.md §8): a store of pseudonymous facts fed
 * from {@code contract.events}, {@code sip.events} and {@code transition.events} ({@link
 * se.naravard.gateway.followup.FollowUpConsumer}), the indicators computed from it per month
 * ({@link se.naravard.gateway.followup.Indicators}), stratified by level (micro: unit/team, meso:
 * kommun, macro: county) with small cells suppressed ({@link se.naravard.gateway.followup.Suppression}),
 * served as FHIR {@code Measure} and {@code MeasureReport}, and exported in bulk for analysts. Never a
 * personnummer: the facts carry the events' patient key only. docs/followup.md has the definitions.
 */
package se.naravard.gateway.followup;
