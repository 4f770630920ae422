package se.naravard.sip.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Versions are only ever inserted and read: no update or delete methods exist (and the database refuses them). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SipVersionRepository extends GenericRepository<SipVersionRow, Long> {

    SipVersionRow save(SipVersionRow row);

    Optional<SipVersionRow> findBySipIdAndVersion(UUID sipId, int version);

    List<SipVersionRow> findBySipIdOrderByVersion(UUID sipId);
}
