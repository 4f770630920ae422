package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/** Asserts a refusal's code and field, and that neither reason nor message repeats the input. */
final class RejectionAssertions {

    private RejectionAssertions() {}

    static Rejection assertRefused(String input, ThrowingCallable call, String code, String field) {
        RejectedException refused = catchThrowableOfType(call, RejectedException.class);
        assertThat(refused).as("expected a RejectedException with %s", code).isNotNull();
        Rejection rejection = refused.first();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.field()).isEqualTo(field);
        if (input != null && !input.isBlank()) {
            assertThat(rejection.reason()).doesNotContain(input);
            assertThat(refused.getMessage()).doesNotContain(input);
        }
        return rejection;
    }
}
