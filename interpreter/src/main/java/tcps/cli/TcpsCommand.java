package tcps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.AutoComplete;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The top command: {@code tcps [--help] [--version] COMMAND}. Declared in code ({@link #spec}),
 * not with picocli's annotations, as {@link RunCommand} is: every run builds it.
 */
final class TcpsCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order --help lists them. Not in the annotation: picocli would study
     * every one of them (reflection over all their options) on each start, while a run needs only
     * its own; {@link Cli} registers the one named on the command line, or all of them for help.
     * {@code run} is declared in code ({@link RunCommand#spec}); the others with annotations.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, CheckCommand.class, FmtCommand.class,
            HandoutCommand.class, GradeCommand.class, BenchCommand.class,
            ProfilesCommand.class, LspCommand.class, FuzzCommand.class, HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    /**
     * Their names, as their {@code @Command} annotations (or {@link RunCommand#spec}) give them
     * (CliTest checks): reading the annotations of eleven classes to find the one named on the
     * command line costs start-up time.
     */
    static final List<String> NAMES = List.of("run", "check", "fmt", "handout", "grade", "bench", "profiles", "lsp",
            "fuzz", "help", "generate-completion");

    private final Path cwd;

    private CommandSpec spec;

    /** Set from {@code --debug}, an option every subcommand inherits. */
    boolean debug;

    TcpsCommand(Path cwd) {
        this.cwd = cwd;
    }

    /** The command {@code tcps}, bound to {@code top}. */
    static CommandSpec spec(TcpsCommand top) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(top);
        top.spec = spec;
        spec.name("tcps");
        spec.versionProvider(new Version());
        spec.usageMessage()
                .description("Runs TCP scenarios written in the .tcps language against a reference TCP state machine "
                        + "(RFC 9293) over a simulated network on a virtual clock, and prints what tcpdump would show.",
                        "",
                        "Start with: tcps run scenarios/one-liner.tcps")
                .footer(ExitCode.HELP_TEXT);
        spec.addOption(OptionSpec.builder("--debug").scopeType(ScopeType.INHERIT).type(boolean.class)
                .initialValue(false).description("On an internal error, print the Java stack trace.")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        top.debug = (Boolean) value;
                        return null;
                    }
                })
                .build());
        spec.mixinStandardHelpOptions(true); // after --debug, as picocli adds it to an annotated command
        return spec;
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
