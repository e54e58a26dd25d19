package tcps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tcps.grammar.Formatter;
import tcps.run.Limits;

/** {@code tcps fmt [--check] FILE...}: the canonical layout of scripts, written back or checked. */
@Command(name = "fmt",
        description = {"Rewrites each FILE in the canonical layout: two spaces of indentation per brace, one space "
                + "between words, no trailing spaces, at most one blank line in a row. Comments, text in quotes "
                + "and the space before a comment at the end of a line are kept. Formatting twice changes nothing.",
            "",
            "With --check, changes nothing: lists the files that are not formatted and exits with 1 if any is "
                    + "(for CI)."},
        footer = "%nExit status:%n"
                + "  0   every file is formatted (with --check), or was written%n"
                + "  1   with --check: a file is not formatted%n"
                + "  2   a file cannot be read%n"
                + "  64  the command line is wrong%n"
                + "  73  a file cannot be written%n")
final class FmtCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--check", description = "Change nothing; list the files that are not formatted, exit 1 if any.")
    private boolean check;

    @ParentCommand
    private TcpsCommand parent;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scripts to format (.tcps).")
    private List<String> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> unformatted = new ArrayList<>();
        for (String name : files) {
            ScriptFile.Loaded loaded = ScriptFile.load(parent.cwd(), name, Limits.DEFAULT.sourceBytes());
            if (loaded.source() == null) {
                err.println("tcps: " + loaded.problem());
                err.flush();
                return ExitCode.SCRIPT_ERROR;
            }
            String text = loaded.source().text();
            String formatted = Formatter.format(text);
            if (formatted.equals(text)) {
                continue;
            }
            unformatted.add(name);
            if (!check) {
                try {
                    Files.writeString(parent.cwd().resolve(name), formatted, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("tcps: cannot write " + name + ": " + e.getMessage());
                    err.flush();
                    return ExitCode.CANNOT_WRITE;
                }
            }
        }
        if (check) {
            unformatted.forEach(f -> out.println(f + ": not formatted (tcps fmt " + f + ")"));
        } else {
            unformatted.forEach(f -> out.println("formatted " + f));
        }
        out.flush();
        return check && !unformatted.isEmpty() ? ExitCode.FAILED : ExitCode.PASSED;
    }
}
