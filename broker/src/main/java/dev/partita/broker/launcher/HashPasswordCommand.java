package dev.partita.broker.launcher;

import dev.partita.broker.server.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code partita hash-password USER}: reads a password (from the terminal without echo, or one line
 * of standard input) and prints a {@code USER=hash} line for the broker's users file.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print a users-file line USER=<PBKDF2 hash> for a password read from the terminal or stdin.")
final class HashPasswordCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "USER", description = "User name.")
    private String user;

    @Override
    public Integer call() throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password for %s: ", user);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("partita: empty password");
            return 2;
        }
        System.out.println(user + "=" + PasswordHasher.hash(password));
        return 0;
    }
}
