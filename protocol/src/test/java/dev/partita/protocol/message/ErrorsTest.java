package dev.partita.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ErrorsTest {

    @Test
    void codesAreTheReleasedOnes() {
        // Codes are part of the wire format: this list only ever grows.
        assertThat(Errors.UNKNOWN_SERVER_ERROR.code()).isEqualTo((short) -1);
        assertThat(Errors.NONE.code()).isEqualTo((short) 0);
        assertThat(Errors.CORRUPT_MESSAGE.code()).isEqualTo((short) 2);
        assertThat(Errors.UNSUPPORTED_VERSION.code()).isEqualTo((short) 4);
        assertThat(Errors.NOT_LEADER_OR_FOLLOWER.code()).isEqualTo((short) 7);
        assertThat(Errors.FRAME_TOO_LARGE.code()).isEqualTo((short) 11);
        assertThat(Errors.STORAGE_ERROR.code()).isEqualTo((short) 24);
        assertThat(Errors.SASL_AUTHENTICATION_FAILED.code()).isEqualTo((short) 28);
        assertThat(Errors.NETWORK_EXCEPTION.code()).isEqualTo((short) 34);
        assertThat(Errors.CLIENT_ID_IN_USE.code()).isEqualTo((short) 35);
        assertThat(Errors.SUBSCRIPTION_IN_USE.code()).isEqualTo((short) 37);
        assertThat(Errors.STALE_SESSION_EPOCH.code()).isEqualTo((short) 41);
        assertThat(Errors.INVALID_SELECTOR.code()).isEqualTo((short) 44);
        assertThat(Errors.TEMPORARY_DESTINATION_GONE.code()).isEqualTo((short) 45);
        assertThat(Errors.NOT_TEMPORARY_DESTINATION_OWNER.code()).isEqualTo((short) 46);
        assertThat(Arrays.stream(Errors.values()).map(Errors::code).distinct()).hasSize(Errors.values().length);
    }

    @Test
    void everyCodeMapsBackAndUnknownCodesAreUnknownServerErrors() {
        for (Errors error : Errors.values()) {
            assertThat(Errors.forCode(error.code())).isSameAs(error);
        }
        for (short unknown : new short[] {1, -2, 47, 1000, Short.MIN_VALUE, Short.MAX_VALUE}) {
            assertThat(Errors.forCode(unknown)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
        }
    }

    @Test
    void retriableErrorsGiveRetriableExceptions() {
        ApiException notLeader = Errors.NOT_LEADER_OR_FOLLOWER.exception("moved to broker 2");
        assertThat(notLeader).isInstanceOf(RetriableException.class).hasMessage("moved to broker 2");
        assertThat(notLeader.error()).isSameAs(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(notLeader.isRetriable()).isTrue();

        ApiException tooLarge = Errors.RECORD_TOO_LARGE.exception();
        assertThat(tooLarge).isNotInstanceOf(RetriableException.class).hasMessage(Errors.RECORD_TOO_LARGE.message());
        assertThat(tooLarge.isRetriable()).isFalse();

        for (Errors error : Errors.values()) {
            if (error != Errors.NONE) {
                assertThat(error.exception() instanceof RetriableException).as(error.name()).isEqualTo(error.isRetriable());
                assertThat(error.message()).as(error.name()).isNotBlank();
            }
        }
        assertThatThrownBy(Errors.NONE::exception).isInstanceOf(IllegalStateException.class);
    }
}
