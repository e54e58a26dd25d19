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
        TcpsCommand top = new TcpsCommand(cwd);
        CommandLine cl = new CommandLine(top, new Factory(top));
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
        return commandLine(out, err, cwd).execute(args);
    }

    /** Subcommands get the parent through @ParentCommand; only the top needs constructing. */
    private static final class Factory implements CommandLine.IFactory {
        private final TcpsCommand top;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(TcpsCommand top) {
            this.top = top;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            return cls == TcpsCommand.class ? cls.cast(top) : fallback.create(cls);
        }
    }
}
