/**
 * Swedish identifiers as validating value objects: {@link se.naravard.platform.identity.Personnummer},
 * {@link se.naravard.platform.identity.Samordningsnummer} (together {@link
 * se.naravard.platform.identity.PatientIdentifier}), {@link se.naravard.platform.identity.HsaId},
 * {@link se.naravard.platform.identity.Organisationsnummer} and {@link
 * se.naravard.platform.identity.Kommunkod}. Plain Java: nothing from Micronaut, Jakarta, Jackson,
 * JDBC or Kafka. Rules, sources and rejection codes: {@code docs/identifiers.md}.
 */
package se.naravard.platform.identity;
