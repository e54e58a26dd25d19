package tcps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Builds the command line that {@link Main} and the tests both use, so tests run exactly what
 * users run, in-process, with their own output streams and working directory.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Path cwd) {
        return commandLine(out, err, cwd, null);
    }

    /**
     * The command line, with only the subcommand {@code only} registered when it is one (the rest
     * would cost start-up time for nothing), else with every subcommand.
     */
    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Path cwd, String only) {
        TcpsCommand top = new TcpsCommand(cwd);
        // The subcommands get the top through @ParentCommand; the top itself is built from its spec.
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(TcpsCommand.spec(top), factory);
        for (int i = 0; i < TcpsCommand.SUBCOMMANDS.size(); i++) {
            if (only == null || only.equals(TcpsCommand.NAMES.get(i))) {
                Class<?> sub = TcpsCommand.SUBCOMMANDS.get(i);
                cl.addSubcommand(sub == RunCommand.class ? new CommandLine(RunCommand.spec(new RunCommand(top)), factory)
                        : new CommandLine(sub, factory));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("tcps: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            e.flush();
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // (Errors, which picocli does not hand here, are caught by Main.)
            PrintWriter e = commandLine.getErr();
            e.println("tcps: internal error: " + ex);
            if (top.debug) {
                ex.printStackTrace(e);
            } else {
                e.println("This is a bug in tcps. Run again with --debug for the details and please report them.");
            }
            e.flush();
            return ExitCode.INTERNAL;
        });
        return cl;
    }

    /** Runs {@code args} and returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, Path cwd, String... args) {
        return commandLine(out, err, cwd, subcommandNamed(args)).execute(args);
    }

    /**
     * The subcommand the arguments name (the first that is not an option: the top command's
     * options take no values), when it exists and needs no other subcommand (help does); else null.
     */
    static String subcommandNamed(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                boolean needsNoOther = TcpsCommand.NAMES.contains(a) && !a.equals("help")
                        && !a.equals("generate-completion");
                return needsNoOther ? a : null;
            }
        }
        return null;
    }
}
