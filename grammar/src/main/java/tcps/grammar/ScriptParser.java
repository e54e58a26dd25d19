package tcps.grammar;

import java.util.List;
import tcps.syntax.Diagnostic;
import tcps.syntax.Script;
import tcps.syntax.Source;

/**
 * The one door into the grammar: source text in, our syntax tree or our diagnostics out.
 * ANTLR types never leave this package.
 */
public final class ScriptParser {
    private ScriptParser() {}

    /** The result of parsing: {@code script} is null when {@code errors} is not empty. */
    public record Result(Script script, List<Diagnostic> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(Source source) {
        throw new UnsupportedOperationException("grammar not written yet");
    }
}
