package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;

/** How a listing request's fields are read: target groups of the closed set, dates, each fault at its pointer. */
class ListingValidationTest {

    @Test
    void known_target_groups_are_kept_once_each_in_order() {
        CommandReader.Faults faults = new CommandReader.Faults();

        List<String> groups =
                ListingController.targetGroups(List.of("multimorbidity", "frail-elderly", "multimorbidity"), faults);

        assertThat(groups).containsExactly("multimorbidity", "frail-elderly");
        faults.throwIfAny("none");
    }

    @Test
    void an_unknown_target_group_is_refused_at_its_position() {
        CommandReader.Faults faults = new CommandReader.Faults();

        ListingController.targetGroups(Arrays.asList("frail-elderly", "sköra", null), faults);

        assertThatThrownBy(() -> faults.throwIfAny("The listing is not valid"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.rejections())
                            .extracting(Rejection::field, Rejection::code)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("/targetGroups/1", "CONTRACT-043"),
                                    org.assertj.core.groups.Tuple.tuple("/targetGroups/2", "CONTRACT-043"));
                });
    }

    @Test
    void no_target_groups_is_an_empty_list() {
        CommandReader.Faults faults = new CommandReader.Faults();

        assertThat(ListingController.targetGroups(null, faults)).isEmpty();
    }

    @Test
    void a_date_must_be_given_and_be_yyyy_mm_dd() {
        CommandReader.Faults faults = new CommandReader.Faults();

        assertThat(ListingController.date("2026-03-01", "/from", "required", faults))
                .hasToString("2026-03-01");
        assertThat(ListingController.date("1/3/2026", "/from", "required", faults))
                .isNull();
        assertThat(ListingController.date(null, "/to", "required", faults)).isNull();
        assertThat(ListingController.date("+999999999-12-31", "/to", "required", faults))
                .isNull();

        assertThatThrownBy(() -> faults.throwIfAny("bad"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.rejections())
                        .extracting(Rejection::field, Rejection::code)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("/from", "CONTRACT-040"),
                                org.assertj.core.groups.Tuple.tuple("/to", "CONTRACT-001"),
                                org.assertj.core.groups.Tuple.tuple("/to", "CONTRACT-040")));
    }
}
