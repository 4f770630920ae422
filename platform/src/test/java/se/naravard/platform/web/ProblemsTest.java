package se.naravard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;

/**
 * Every problem says what is wrong in {@code detail}: found by ContractApiFuzzIT, whose 404 for an
 * unknown contract had a title and errors but no detail (input kept as
 * {@code ContractApiFuzzITInputs/internalApi/not-found-problem-without-detail}).
 */
class ProblemsTest {

    @Test
    void a_problem_without_a_detail_of_its_own_takes_the_reasons_of_its_rejections() {
        Problem p = Problems.problem(
                404,
                "CONTRACT-034",
                "no contract with this id",
                null,
                "/contracts/x",
                List.of(new Rejection("CONTRACT-034", "/id", "no contract with this id")));

        assertThat(p.detail()).isEqualTo("no contract with this id");
    }

    @Test
    void a_problem_without_detail_or_rejections_takes_its_title() {
        Problem p = Problems.problem(405, "HTTP-405", "Method Not Allowed", " ", null, List.of());

        assertThat(p.detail()).isEqualTo("Method Not Allowed");
    }

    @Test
    void a_detail_given_is_kept() {
        Problem p = Problems.problem(
                422,
                "X-1",
                "Invalid input",
                "the date is in the future",
                null,
                List.of(new Rejection("X-1", "/a", "r")));

        assertThat(p.detail()).isEqualTo("the date is in the future");
    }
}
