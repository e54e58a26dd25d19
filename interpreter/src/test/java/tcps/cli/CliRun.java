package tcps.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the real command line in-process, as a user would run it, capturing what it prints. */
record CliRun(int exit, String out, String err) {
    /** stdout and stderr into one stream, in the order written, as a terminal shows them. */
    static CliRun merged(Path cwd, String... args) {
        StringWriter both = new StringWriter();
        PrintWriter w = new PrintWriter(both);
        int exit = Cli.execute(w, w, cwd, args);
        w.flush();
        return new CliRun(exit, both.toString(), "");
    }

    static CliRun separate(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new PrintWriter(out), new PrintWriter(err), cwd, args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
