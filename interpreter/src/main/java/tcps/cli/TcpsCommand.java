package tcps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command: {@code tcps [--help] [--version] COMMAND}. */
@Command(name = "tcps",
        mixinStandardHelpOptions = true,
        versionProvider = TcpsCommand.Version.class,
        description = {
            "Runs TCP scenarios written in the .tcps language against a reference TCP state machine "
                    + "(RFC 9293) over a simulated network on a virtual clock, and prints what tcpdump would show.",
            "",
            "Start with: tcps run scenarios/one-liner.tcps"},
        footer = ExitCode.HELP_TEXT)
final class TcpsCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order --help lists them. Not in the annotation: picocli would study
     * every one of them (reflection over all their options) on each start, while a run needs only
     * its own; {@link Cli} registers the one named on the command line, or all of them for help.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, CheckCommand.class, FmtCommand.class,
            HandoutCommand.class, GradeCommand.class, BenchCommand.class,
            ProfilesCommand.class, LspCommand.class, FuzzCommand.class, HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    /**
     * Their names, as their {@code @Command} annotations give them (CliTest checks): reading the
     * annotations of eleven classes to find the one named on the command line costs start-up time.
     */
    static final List<String> NAMES = List.of("run", "check", "fmt", "handout", "grade", "bench", "profiles", "lsp",
            "fuzz", "help", "generate-completion");

    private final Path cwd;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error, print the Java stack trace.")
    boolean debug;

    TcpsCommand(Path cwd) {
        this.cwd = cwd;
    }

    /** {@code tcps} alone: the usage, and the status of a wrong command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Where relative FILE arguments are looked up (the process's directory, or a test's). */
    Path cwd() {
        return cwd;
    }

    /** The version Maven wrote into the jar's resources. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = TcpsCommand.class.getResourceAsStream("/tcps-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"tcps " + p.getProperty("version", "(unknown version)")};
        }
    }
}
