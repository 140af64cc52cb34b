package dev.partita.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrashSimulatingFileIOTest {

    @TempDir
    Path dir;

    private final CrashSimulatingFileIO io = CrashSimulatingFileIO.wrappingReal();

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private String content(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    @Test
    void crashKeepsOnlyFsyncedBytes() throws IOException {
        Path path = dir.resolve("a.log");
        LogFile file = io.open(path, true);
        io.fsyncDirectory(dir);
        file.write(bytes("durable"), 0);
        file.force();
        file.write(bytes("-lost"), 7);
        file.write(bytes("X"), 0);
        assertThat(content(path)).isEqualTo("Xurable-lost");

        io.crash();

        assertThat(content(path)).isEqualTo("durable");
        assertThat(file.isOpen()).isFalse();
        assertThatThrownBy(() -> file.write(bytes("more"), 0)).isInstanceOf(IOException.class);
        try (LogFile reopened = io.open(path, false)) {
            assertThat(reopened.size()).isEqualTo(7);
        }
    }

    @Test
    void neverFsyncedFileIsEmptyAfterCrash() throws IOException {
        Path path = dir.resolve("b.log");
        io.open(path, true).write(bytes("gone"), 0);
        io.fsyncDirectory(dir);
        io.crash();
        assertThat(content(path)).isEmpty();
    }

    @Test
    void partialWritebackKeepsAPrefixOfTheUnsyncedTail() throws IOException {
        Path path = dir.resolve("c.log");
        LogFile file = io.open(path, true);
        io.fsyncDirectory(dir);
        file.write(bytes("0123"), 0);
        file.force();
        file.write(bytes("456789"), 4);
        io.crash(new Random(42));
        String survived = content(path);
        assertThat(survived).startsWith("0123");
        assertThat("0123456789").startsWith(survived);
    }

    @Test
    void aNewFileWhoseDirectoryWasNotFsyncedVanishes() throws IOException {
        Path sub = dir.resolve("sub");
        io.createDirectories(sub);
        io.fsyncDirectory(dir);
        Path kept = sub.resolve("kept");
        Path lost = sub.resolve("lost");
        try (LogFile file = io.open(kept, true)) {
            file.write(bytes("k"), 0);
            file.force();
        }
        io.fsyncDirectory(sub);
        try (LogFile file = io.open(lost, true)) {
            file.write(bytes("l"), 0);
            file.force();
        }
        Path lostDir = dir.resolve("lost-dir");
        io.createDirectories(lostDir);
        io.crash();
        assertThat(content(kept)).isEqualTo("k");
        assertThat(lost).doesNotExist();
        assertThat(lostDir).doesNotExist();
    }

    @Test
    void renamedFileKeepsItsDurableContent() throws IOException {
        Path temp = dir.resolve("x.tmp");
        Path target = dir.resolve("x");
        try (LogFile file = io.open(temp, true)) {
            file.write(bytes("checkpoint"), 0);
            file.force();
        }
        io.atomicMove(temp, target);
        io.fsyncDirectory(dir);
        io.crash();
        assertThat(content(target)).isEqualTo("checkpoint");
        assertThat(Files.exists(temp)).isFalse();
    }

    @Test
    void fullDiskFailsWritesAfterAPartialWrite() throws IOException {
        Path path = dir.resolve("d.log");
        LogFile file = io.open(path, true);
        file.write(bytes("ok"), 0);
        io.failWithNoSpace(true);
        assertThatThrownBy(() -> file.write(bytes("abcdef"), 2))
                .isInstanceOf(IOException.class).hasMessage(CrashSimulatingFileIO.NO_SPACE_MESSAGE);
        assertThat(content(path)).isEqualTo("okabc");
        io.failWithNoSpace(false);
        file.write(bytes("!"), 5);
        assertThat(content(path)).isEqualTo("okabc!");
        file.close();
    }

    @Test
    void bytesWrittenThroughAMappingCountOnceFsynced() throws IOException {
        Path path = dir.resolve("e.index");
        LogFile file = io.open(path, true);
        io.fsyncDirectory(dir);
        file.setLength(8);
        var map = file.channel().map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, 8);
        map.putInt(0, 42);
        map.force();
        file.force();
        map.putInt(4, 7);
        io.crash();
        ByteBuffer survived = ByteBuffer.wrap(Files.readAllBytes(path));
        assertThat(survived.getInt(0)).isEqualTo(42);
        assertThat(survived.getInt(4)).isZero();
    }
}
