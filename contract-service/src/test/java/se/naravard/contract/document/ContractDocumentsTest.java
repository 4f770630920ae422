package se.naravard.contract.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractFixture;
import se.naravard.contract.model.ContractStatus.Kind;

class ContractDocumentsTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_contract_in_any_status_survives_the_trip_through_its_document(Kind kind) {
        Contract contract = ContractFixture.contractIn(kind);

        Contract back = ContractDocuments.fromDocument(ContractDocuments.toDocument(contract));

        assertThat(back).isEqualTo(contract);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_document_names_the_status_by_its_code(Kind kind) {
        Contract contract = ContractFixture.contractIn(kind);

        assertThat(ContractDocuments.toDocument(contract).status().code()).isEqualTo(kind.code());
    }
}
