/**
 * The patientkontrakt (patient contract) as a framework-free domain model: a documented agreement
 * between the patient and their care about who does what, when, and whom to contact (SKR
 * "Patientkontrakt"; DOMAIN.md §2). It has four {@linkplain se.naravard.contract.model.Part parts},
 * each owned by one care unit; every accepted change yields a new immutable version and a {@link
 * se.naravard.contract.model.ContractEvent}, every refusal a list of {@link
 * se.naravard.platform.domain.Rejection}s (codes in {@link se.naravard.contract.model.ContractRejections}).
 *
 * <p>Nothing here imports Micronaut, Jakarta, Jackson, JDBC, Kafka or HAPI.
 */
package se.naravard.contract.model;
