package tcps.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The program's entry point: the only place that exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        int status = Cli.execute(out, err, Path.of("").toAbsolutePath(), args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
