package se.naravard.contract.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReviewRepository extends GenericRepository<ReviewRow, UUID> {

    ReviewRow save(ReviewRow row);

    List<ReviewRow> findByContractIdOrderByReviewedAt(UUID contractId);
}
