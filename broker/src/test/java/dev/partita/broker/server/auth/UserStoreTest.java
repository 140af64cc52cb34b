package dev.partita.broker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {

    @TempDir
    Path dir;

    @Test
    void hashesAreSaltedAndVerify() {
        String first = PasswordHasher.hash("pw".toCharArray(), 1000);
        String second = PasswordHasher.hash("pw".toCharArray(), 1000);
        assertThat(first).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(second);
        assertThat(PasswordHasher.verify("pw".toCharArray(), first)).isTrue();
        assertThat(PasswordHasher.verify("pW".toCharArray(), first)).isFalse();
        assertThatThrownBy(() -> PasswordHasher.verify("pw".toCharArray(), "plain-text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUsersFileChecksPasswordsAndRejectsPlainTextEntries() throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# users\nalice=" + PasswordHasher.hash("a-secret".toCharArray(), 1000) + "\n");
        UserStore users = UserStore.load(file);
        assertThat(users.size()).isEqualTo(1);
        assertThat(users.verify("alice", "a-secret".toCharArray())).isTrue();
        assertThat(users.verify("alice", "nope".toCharArray())).isFalse();
        assertThat(users.verify("bob", "a-secret".toCharArray())).isFalse();

        Files.writeString(file, "bob=hunter2\n");
        assertThatThrownBy(() -> UserStore.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bob").hasMessageContaining("hash-password");
    }
}
