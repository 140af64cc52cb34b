package dev.partita.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlainCredentialsTest {

    @Test
    void encodesTheRfc4616Layout() {
        assertThat(new String(PlainCredentials.of("alice", "pw").encode(), StandardCharsets.UTF_8))
                .isEqualTo("\0alice\0pw");
        assertThat(new String(new PlainCredentials("admin", "alice", "pw").encode(), StandardCharsets.UTF_8))
                .isEqualTo("admin\0alice\0pw");
        assertThat(new PlainCredentials(null, "alice", "pw").authzid()).isEmpty();
    }

    @Test
    void roundTripsIncludingNonAsciiAndTheLongestParts() {
        String longest = "é".repeat(127) + "x"; // 255 UTF-8 bytes
        for (PlainCredentials credentials : new PlainCredentials[] {
                PlainCredentials.of("alice", "pw"),
                new PlainCredentials("zoë", "ユーザー", "pässwörd\uD83D\uDD11"),
                new PlainCredentials(longest, longest, longest)}) {
            assertThat(PlainCredentials.decode(credentials.encode())).isEqualTo(credentials);
        }
    }

    @Test
    void rejectsMalformedMessages() {
        assertInvalid("alice\0pw", "two NUL");
        assertInvalid("a\0b\0c\0d", "two NUL");
        assertInvalid("", "two NUL");
        assertInvalid("\0\0pw", "username must not be empty");
        assertInvalid("\0alice\0", "password must not be empty");
        assertInvalid("\0" + "u".repeat(256) + "\0pw", "more than 255");
        assertInvalid("x".repeat(2000), "too long");
        assertThatThrownBy(() -> PlainCredentials.decode(new byte[] {0, 'a', 0, (byte) 0xff}))
                .isInstanceOf(InvalidSaslPayloadException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void rejectsInvalidCredentialsWhenBuilt() {
        assertThatThrownBy(() -> PlainCredentials.of("al\0ice", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlainCredentials.of("", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlainCredentials.of("alice", "p".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(PlainCredentials.of("alice", "s3cret").toString()).contains("alice").doesNotContain("s3cret");
    }

    @Test
    void mechanismsAreFoundByTheirExactName() {
        assertThat(SaslMechanism.forName("PLAIN")).contains(SaslMechanism.PLAIN);
        assertThat(SaslMechanism.forName("plain")).isEmpty();
        assertThat(SaslMechanism.PLAIN.mechanismName()).isEqualTo("PLAIN");
    }

    private static void assertInvalid(String message, String expected) {
        assertThatThrownBy(() -> PlainCredentials.decode(message.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSaslPayloadException.class).hasMessageContaining(expected);
    }
}
