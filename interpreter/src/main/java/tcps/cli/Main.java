package tcps.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The program's entry point: the only place that exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        ParserWarmUp.startIfParsing(args);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        int status;
        try {
            status = Cli.execute(out, err, Path.of("").toAbsolutePath(), args);
        } catch (Throwable t) { // an Error escapes picocli's handler; the user still gets one line
            err.println("tcps: internal error: " + t);
            err.println("This is a bug in tcps. Run again with --debug for the details and please report them.");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                t.printStackTrace(err);
            }
            status = ExitCode.INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(status);
    }
}
