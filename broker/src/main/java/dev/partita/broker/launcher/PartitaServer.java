package dev.partita.broker.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/partita}: {@code partita server [flags]} runs a broker,
 * {@code partita hash-password} makes an entry for the users file, {@code partita admin subscriptions}
 * prints every subscription's lag per partition.
 */
@Command(name = "partita",
        mixinStandardHelpOptions = true,
        versionProvider = PartitaServer.Version.class,
        description = "Partita: a messaging broker that keeps destinations as partitioned logs.",
        subcommands = {ServerCommand.class, HashPasswordCommand.class, AdminCommand.class, CommandLine.HelpCommand.class})
public final class PartitaServer implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new PartitaServer()).execute(args);
        System.exit(exitCode);
    }

    @Override
    public void run() {
        // No subcommand given: picocli prints this message and the usage.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (try: partita server)");
    }

    /** Reports the version from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PartitaServer.class.getPackage().getImplementationVersion();
            return new String[] {"partita " + (v == null ? "(development build)" : v)};
        }
    }
}
