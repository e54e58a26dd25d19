package tcps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tcps.check.Checker;
import tcps.check.ScenarioPlan;
import tcps.grammar.Library;
import tcps.grammar.ScriptParser;
import tcps.report.Excerpt;
import tcps.run.Limits;
import tcps.syntax.Diagnostic;
import tcps.syntax.Scenario;
import tcps.syntax.Source;
import tcps.syntax.Span;

/**
 * The phases before running, for every file given: read, parse, check. A file that fails a
 * phase does not go on to the next; the files that passed every phase can run, each on its own
 * (one broken file among many does not stop the others).
 */
final class FrontEnd {
    /** One file that passed every check, with its scenarios ready to run. */
    record Checked(Source source, List<ScenarioPlan> plans) {}

    private final List<Checked> checked = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<Diagnostic> errors = new ArrayList<>();
    private int failedFiles;
    private int files;
    private Library library;

    static FrontEnd of(Path cwd, List<String> files) {
        return of(cwd, files, Limits.DEFAULT);
    }

    static FrontEnd of(Path cwd, List<String> files, Limits limits) {
        FrontEnd f = new FrontEnd();
        f.files = files.size();
        f.library = new Library(new Imports(cwd)); // each imported file is read once per run
        for (String name : files) {
            int before = f.unreadable.size() + f.errors.size();
            f.load(cwd, name, limits);
            if (f.unreadable.size() + f.errors.size() > before) {
                f.failedFiles++;
            }
        }
        return f;
    }

    private void load(Path cwd, String name, Limits limits) {
        ScriptFile.Loaded loaded = ScriptFile.load(cwd, name, limits.sourceBytes());
        if (loaded.source() == null) {
            unreadable.add(loaded.problem());
            return;
        }
        ScriptParser.Result parsed = ScriptParser.parse(loaded.source(), library, limits.expressionDepth());
        if (!parsed.ok()) {
            // what did parse is checked too, so that one run shows every mistake of every line
            errors.addAll(parsed.partial() == null ? parsed.errors() : ScriptParser.together(loaded.source(),
                    parsed.errors(), Checker.checkRest(parsed.partial(), parsed.unsure())));
            return;
        }
        int statements = 0;
        for (Scenario s : parsed.script().scenarios()) {
            statements += s.statements().size();
            if (statements > limits.statements()) {
                Span at = s.statements().get(s.statements().size() - 1).span();
                errors.add(new Diagnostic(loaded.source(), at, "the script has more than " + limits.statements()
                        + " statements, the limit of a script (--max-statements)"));
                return;
            }
        }
        Checker.Result result = Checker.check(parsed.script());
        if (!result.ok()) {
            errors.addAll(result.errors());
            return;
        }
        checked.add(new Checked(loaded.source(), result.plans()));
    }

    /** True when every file passed. */
    boolean ok() {
        return unreadable.isEmpty() && errors.isEmpty();
    }

    /** The files that passed, in the order given. */
    List<Checked> checked() {
        return checked;
    }

    /**
     * Prints every problem found, then one line saying what does not run: nothing at all, or
     * only the files that had problems.
     */
    void printProblems(PrintWriter err) {
        for (String problem : unreadable) {
            err.println("tcps: " + problem);
        }
        for (Diagnostic d : errors) {
            err.print(Excerpt.render(d.source(), d.span(), "error", d.message(), List.of()));
        }
        int n = unreadable.size() + errors.size();
        String count = n + (n == 1 ? " error" : " errors");
        if (checked.isEmpty()) {
            err.println("tcps: " + count + "; nothing was run");
        } else {
            err.println("tcps: " + count + " in " + failedFiles + " of " + files + " files; "
                    + (failedFiles == 1 ? "that file does not run" : "those files do not run") + ", the others do");
        }
        err.flush();
    }
}
