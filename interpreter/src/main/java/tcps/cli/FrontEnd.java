package tcps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.grammar.ScriptParser;
import tcps.report.Excerpt;
import tcps.syntax.Diagnostic;
import tcps.syntax.Source;

/**
 * The phases before running, for every file given: read, parse, check. A file that fails a
 * phase does not go on to the next, and nothing runs unless every file passed all of them.
 */
final class FrontEnd {
    /** One file that passed every check, with its scenarios ready to run. */
    record Checked(Source source, List<ScenarioPlan> plans) {}

    private final List<Checked> checked = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<Diagnostic> errors = new ArrayList<>();

    static FrontEnd of(Path cwd, List<String> files) {
        FrontEnd f = new FrontEnd();
        for (String name : files) {
            ScriptFile.Loaded loaded = ScriptFile.load(cwd, name);
            if (loaded.source() == null) {
                f.unreadable.add(loaded.problem());
                continue;
            }
            ScriptParser.Result parsed = ScriptParser.parse(loaded.source());
            if (!parsed.ok()) {
                f.errors.addAll(parsed.errors());
                continue;
            }
            Checker.Result result = Checker.check(parsed.script());
            if (!result.ok()) {
                f.errors.addAll(result.errors());
                continue;
            }
            f.checked.add(new Checked(loaded.source(), result.plans()));
        }
        return f;
    }

    boolean ok() {
        return unreadable.isEmpty() && errors.isEmpty();
    }

    List<Checked> checked() {
        return checked;
    }

    /** Prints every problem found, then one line saying nothing ran. */
    void printProblems(PrintWriter err) {
        for (String problem : unreadable) {
            err.println("tcps: " + problem);
        }
        for (Diagnostic d : errors) {
            err.print(Excerpt.render(d.source(), d.span(), "error", d.message(), List.of()));
        }
        int n = unreadable.size() + errors.size();
        err.println("tcps: " + n + (n == 1 ? " error" : " errors") + "; nothing was run");
        err.flush();
    }
}
