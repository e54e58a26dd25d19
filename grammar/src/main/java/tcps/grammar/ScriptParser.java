package tcps.grammar;

import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
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
        TcpsLexer lexer = new TcpsLexer(CharStreams.fromString(lineEndsAsAntlrCountsThem(source.text()), source.name()));
        lexer.removeErrorListeners(); // nothing is printed: every error becomes a Diagnostic
        TcpsParser parser = new TcpsParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();

        ErrorList errors = new ErrorList(source);
        SyntaxMessages messages = new SyntaxMessages(parser);
        StatementRecovery recovery = new StatementRecovery(failure -> {
            SyntaxMessages.Message message = messages.describe(failure);
            errors.add(message.span(), message.text());
        });
        parser.setErrorHandler(recovery);

        TcpsParser.ScriptContext tree = parser.script();
        Script script = new TreeBuilder(source, errors, recovery.errorTokens()).script(tree);
        return errors.isEmpty() ? new Result(script, List.of()) : new Result(null, errors.toList());
    }

    /**
     * ANTLR counts lines at '\n' only, while {@link Source#line} also ends a line at a lone '\r'
     * (old Mac files). Turning a lone '\r' into '\n' keeps every offset and makes both agree.
     */
    private static String lineEndsAsAntlrCountsThem(String text) {
        return text.replaceAll("\r(?!\n)", "\n");
    }
}
