package tcps.grammar;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
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

    /** The expression and block depth {@link #parse(Source)} allows. */
    public static final int DEFAULT_MAX_DEPTH = Nesting.DEFAULT_MAX_DEPTH;
    /** The deepest a caller may allow: deeper would not fit the stack of the passes that follow. */
    public static final int HIGHEST_MAX_DEPTH = Nesting.HIGHEST_MAX_DEPTH;

    public static Result parse(Source source) {
        return parse(source, DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses with expressions and blocks allowed to nest {@code maxDepth} levels deep (at most
     * {@link #HIGHEST_MAX_DEPTH}); deeper is a static error at the place it goes too deep.
     */
    public static Result parse(Source source, int maxDepth) {
        if (maxDepth < 1 || maxDepth > HIGHEST_MAX_DEPTH) {
            throw new IllegalArgumentException("depth limit outside 1.." + HIGHEST_MAX_DEPTH + ": " + maxDepth);
        }
        TcpsLexer lexer = new TcpsLexer(CharStreams.fromString(lineEndsAsAntlrCountsThem(source.text()), source.name()));
        lexer.removeErrorListeners(); // nothing is printed: every error becomes a Diagnostic
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        ErrorList errors = new ErrorList(source);
        // The parser recurses into parentheses and blocks: a file nested past the limit is not parsed.
        Nesting.Deep deep = Nesting.tooDeepForTheParser(tokens.getTokens(), maxDepth);
        if (deep != null) {
            errors.add(Spans.of(deep.token()), deep.message());
            return new Result(null, errors.toList());
        }
        TcpsParser parser = new TcpsParser(tokens);
        parser.removeErrorListeners();

        // Two stages, as ANTLR advises for speed: first SLL prediction, which needs no full-context
        // look-ahead, giving up at the first syntax error. Only a script with an error (or one SLL
        // cannot decide) is parsed again, with full LL prediction and our recovery, which words
        // every error. A script SLL parses gets the tree LL would give it.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        TcpsParser.ScriptContext tree;
        NavigableSet<Integer> errorTokens;
        try {
            tree = parser.script();
            errorTokens = new TreeSet<>();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            SyntaxMessages messages = new SyntaxMessages(parser);
            StatementRecovery recovery = new StatementRecovery(failure -> {
                SyntaxMessages.Message message = messages.describe(failure);
                errors.add(message.span(), message.text());
            });
            parser.setErrorHandler(recovery);
            tree = parser.script();
            errorTokens = recovery.errorTokens();
        }
        // An operator chain (1+1+...+1) parses in a loop but makes a tree as deep as it is long.
        for (ParserRuleContext expr : Nesting.tooDeepExpressions(tree, maxDepth)) {
            errors.add(Spans.of(expr.start), Nesting.expressionMessage(maxDepth));
            errorTokens.add(expr.start.getTokenIndex()); // its statement is skipped
        }
        Script script = new TreeBuilder(source, errors, errorTokens).script(tree);
        return errors.isEmpty() ? new Result(script, List.of()) : new Result(null, errors.toList());
    }

    /**
     * ANTLR counts lines at '\n' only, while {@link Source#line} also ends a line at a lone '\r'
     * (old Mac files). Turning a lone '\r' into '\n' keeps every offset and makes both agree.
     */
    private static String lineEndsAsAntlrCountsThem(String text) {
        return text.indexOf('\r') < 0 ? text : text.replaceAll("\r(?!\n)", "\n");
    }
}
