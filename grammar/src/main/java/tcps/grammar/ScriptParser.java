package tcps.grammar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.Token;
import tcps.syntax.Diagnostic;
import tcps.syntax.Exercise;
import tcps.syntax.Lexeme;
import tcps.syntax.Script;
import tcps.syntax.Source;

/**
 * The one door into the grammar: source text in, our syntax tree or our diagnostics out.
 * ANTLR types never leave this package.
 */
public final class ScriptParser {
    private ScriptParser() {}

    /**
     * The result of parsing: {@code script} is null when {@code errors} is not empty. Then
     * {@code partial} is the tree built despite the errors, for checking only (never running):
     * each statement that did not parse or build stands in it as a {@link tcps.syntax.Statement.Broken},
     * each part as a placeholder; {@code unsure} holds names that broken definitions may have
     * been meant to give. {@code partial} is null when nothing could be built (a file nested too
     * deep, an exercise).
     */
    public record Result(Script script, List<Diagnostic> errors, Script partial, java.util.Set<String> unsure) {
        public Result {
            errors = List.copyOf(errors);
            unsure = java.util.Set.copyOf(unsure);
        }

        public Result(Script script, List<Diagnostic> errors) {
            this(script, errors, null, java.util.Set.of());
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** The expression and block depth {@link #parse(Source)} allows. */
    public static final int DEFAULT_MAX_DEPTH = Nesting.DEFAULT_MAX_DEPTH;
    /** The deepest a caller may allow: deeper would not fit the stack of the passes that follow. */
    public static final int HIGHEST_MAX_DEPTH = Nesting.HIGHEST_MAX_DEPTH;

    static final String IS_AN_EXERCISE = "this file is an exercise, not a scenario: `tcps handout FILE` shows "
            + "what a student gets, `tcps grade FILE SUBMISSION...` grades (docs/teaching.md)";
    static final String BLANK_OUTSIDE_EXERCISE = "`?` is a blank for a student to fill in; blanks belong in an "
            + "exercise (docs/teaching.md): write a value here";

    public static Result parse(Source source) {
        return parse(source, Library.none(), DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses with expressions and blocks allowed to nest {@code maxDepth} levels deep (at most
     * {@link #HIGHEST_MAX_DEPTH}); deeper is a static error at the place it goes too deep.
     */
    public static Result parse(Source source, int maxDepth) {
        return parse(source, Library.none(), maxDepth);
    }

    /** A script whose imports are found through {@code library} (each file parsed once per library). */
    public static Result parse(Source source, Library library) {
        return parse(source, library, DEFAULT_MAX_DEPTH);
    }

    public static Result parse(Source source, Library library, int maxDepth) {
        if (maxDepth < 1 || maxDepth > HIGHEST_MAX_DEPTH) {
            throw new IllegalArgumentException("depth limit outside 1.." + HIGHEST_MAX_DEPTH + ": " + maxDepth);
        }
        Built[] built = {null};
        ErrorList errors = new ErrorList(source);
        library.reading(source.name(), () -> built[0] = treeBuilder(source, errors, TreeBuilder.Mode.SCRIPT, library,
                java.util.Map.of(), 0, maxDepth));
        Script script = built[0] == null ? null : built[0].built();
        return errors.isEmpty() ? new Result(script, List.of())
                : new Result(null, errors.toList(), errors.full() ? null : script,
                        built[0] == null ? java.util.Set.of() : built[0].unsure());
    }

    /**
     * The errors of a file that did not parse ({@code syntax}, from {@link Result#errors}) and the
     * checker's errors about its partial tree, in source order, at most as many as one list shows.
     */
    public static List<Diagnostic> together(Source source, List<Diagnostic> syntax, List<Diagnostic> checker) {
        ErrorList all = new ErrorList(source);
        syntax.forEach(all::add);
        checker.forEach(all::add);
        return all.toList();
    }

    /** An imported file: its macros and profiles (and those it imports), and its errors. */
    static Library.Unit parseImported(Source source, Library library) {
        ErrorList errors = new ErrorList(source);
        Built b = treeBuilder(source, errors, TreeBuilder.Mode.IMPORTED, library, java.util.Map.of(), 0,
                DEFAULT_MAX_DEPTH);
        return new Library.Unit(source, b.macros(), b.built() == null ? List.of() : b.built().profiles(),
                errors.toList());
    }

    /** The statements of a macro's expansion ({@code source} is its body with the arguments in place). */
    static Built parseExpansion(Source source, ErrorList errors, Library library,
            java.util.Map<String, Library.MacroDef> macros, int depth) {
        return treeBuilder(source, errors, TreeBuilder.Mode.EXPANSION, library, macros, depth, DEFAULT_MAX_DEPTH);
    }

    /** What a tree builder made of a text (null when it was too deep to parse) and the macros it can call. */
    record Built(Script built, java.util.Map<String, Library.MacroDef> macros, java.util.Set<String> unsure) {
        Built(Script built, java.util.Map<String, Library.MacroDef> macros) {
            this(built, macros, java.util.Set.of());
        }
    }

    private static Built treeBuilder(Source source, ErrorList errors, TreeBuilder.Mode mode, Library library,
            java.util.Map<String, Library.MacroDef> macros, int depth, int maxDepth) {
        Cancelled.check(); // each file, and each macro expansion, is parsed here
        ScanningLexer lexer = new ScanningLexer(source, maxDepth);
        CommonTokenStream tokens = tokenStream(lexer, source.text().length());
        tokens.fill();
        List<Diagnostic> notAScenario = exerciseParts(source, lexer);
        if (!notAScenario.isEmpty()) {
            notAScenario.forEach(errors::add);
            return new Built(null, macros);
        }
        // The parser recurses into parentheses and blocks: a file nested past the limit is not parsed.
        Nesting.Deep deep = lexer.nesting.deep();
        if (deep != null) {
            errors.add(new Diagnostic(source, Spans.of(deep.token()), deep.message()));
            return new Built(null, macros);
        }
        TcpsParser parser = new TcpsParser(tokens);
        parser.removeErrorListeners();
        // A script that defines and imports no macros, with no expression that may be too deep,
        // has each scenario built while the parser goes on, and its parse tree dropped: less heap,
        // and a tree still in the cache. Its errors count only if the whole file parses.
        ErrorList earlyErrors = new ErrorList(source);
        TreeBuilder early = mode != TreeBuilder.Mode.SCRIPT || lexer.definesOrImports
                || lexer.nesting.expressionsMayBeTooDeep() ? null
                : new TreeBuilder(source, earlyErrors, new TreeSet<>(), mode, library, macros, depth);
        Bail bail = new Bail();
        if (early != null) {
            parser.addParseListener(new ParseTreeListener() {
                @Override
                public void exitEveryRule(ParserRuleContext ctx) {
                    if (!bail.failed) { // a rule also exits when an error passes through it
                        early.buildEarly(ctx);
                    }
                }

                @Override
                public void enterEveryRule(ParserRuleContext ctx) {}

                @Override
                public void visitTerminal(TerminalNode node) {}

                @Override
                public void visitErrorNode(ErrorNode node) {}
            });
        }

        TwoStages<TcpsParser.ScriptContext> parsed = twoStages(source, tokens, parser, bail, errors,
                TcpsParser::script);
        TcpsParser.ScriptContext tree = parsed.tree();
        if (early != null && !parsed.recovered()) {
            Script script = early.script(tree);
            errors.addAll(earlyErrors);
            return new Built(script, early.macros(), early.unsure());
        }
        NavigableSet<Integer> errorTokens = parsed.errorTokens();
        // An operator chain (1+1+...+1) parses in a loop but makes a tree as deep as it is long.
        for (ParserRuleContext expr : tooDeepExpressions(parsed, lexer, maxDepth)) {
            errors.add(new Diagnostic(source, Spans.of(expr.start), Nesting.expressionMessage(maxDepth)));
            errorTokens.add(expr.start.getTokenIndex()); // its statement is skipped
        }
        TreeBuilder builder = new TreeBuilder(source, errors, errorTokens, mode, library, macros, depth);
        Script script = builder.script(tree);
        return new Built(script, builder.macros(), builder.unsure());
    }

    /**
     * A parse tree, and the tokens at which recovery found a syntax error (their statements are
     * skipped); {@code recovered} when it was parsed the second time, with our error recovery.
     */
    private record TwoStages<T extends ParserRuleContext>(T tree, NavigableSet<Integer> errorTokens,
            boolean recovered) {}

    /** The expressions of a parsed text nested deeper than {@code max}; the tree is walked only when the tokens allow one. */
    private static List<ParserRuleContext> tooDeepExpressions(TwoStages<?> parsed, ScanningLexer lexer, int max) {
        if (!parsed.recovered() && !lexer.nesting.expressionsMayBeTooDeep()) {
            return List.of();
        }
        return Nesting.tooDeepExpressions(parsed.tree(), max);
    }

    /**
     * Parses with {@code rule} in two stages, as ANTLR advises for speed: first SLL prediction,
     * which needs no full-context look-ahead, giving up at the first syntax error. Only a text with
     * an error (or one SLL cannot decide) is parsed again, with full LL prediction and our
     * recovery, which words every error. A text SLL parses gets the tree LL would give it.
     */
    private static <T extends ParserRuleContext> TwoStages<T> twoStages(Source source, CommonTokenStream tokens,
            TcpsParser parser, Bail bail, ErrorList errors, java.util.function.Function<TcpsParser, T> rule) {
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(bail);
        parser.addParseListener(CANCELLABLE);
        try {
            return new TwoStages<>(rule.apply(parser), new TreeSet<>(), false);
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.removeParseListeners(); // nothing built early counts
            parser.addParseListener(CANCELLABLE);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            SyntaxMessages messages = new SyntaxMessages(parser);
            StatementRecovery recovery = new StatementRecovery(failure -> {
                if (errors.full()) {
                    return; // later in the file than every error shown
                }
                SyntaxMessages.Message message = messages.describe(failure);
                errors.add(new Diagnostic(source, message.span(), message.text()));
            });
            parser.setErrorHandler(recovery);
            return new TwoStages<>(rule.apply(parser), recovery.errorTokens(), true);
        }
    }

    /**
     * The characters of a text for the lexer, as {@code CharStreams.fromString} gives them. A text
     * of characters below 256 (most scripts) is copied into bytes in one go rather than character
     * by character, which on a long file is most of what making the stream costs.
     */
    static CharStream charStream(String text, String name) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return CharStreams.fromString(text, name);
            }
        }
        return CodePointCharStream.fromBuffer(
                CodePointBuffer.withBytes(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))), name);
    }

    /** ANTLR's first-stage error strategy (give up at the first error), which also says that it gave up. */
    private static final class Bail extends BailErrorStrategy {
        boolean failed;

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            failed = true;
            super.recover(recognizer, e);
        }

        @Override
        public Token recoverInline(Parser recognizer) throws RecognitionException {
            failed = true;
            return super.recoverInline(recognizer);
        }
    }

    /**
     * A token stream for a text of {@code chars} characters, its list sized for the tokens such a
     * text usually has (one per 4 characters), so that a long file's list is not copied again and
     * again as it grows.
     */
    private static CommonTokenStream tokenStream(TcpsLexer lexer, int chars) {
        return new CommonTokenStream(lexer) {
            {
                tokens = new ArrayList<>(chars / 4 + 16);
            }
        };
    }

    /** Stops a parse whose thread was interrupted ({@link Cancelled}): a look at a flag per rule entered. */
    private static final ParseTreeListener CANCELLABLE =
            new ParseTreeListener() {
                @Override
                public void visitTerminal(TerminalNode node) {}

                @Override
                public void visitErrorNode(ErrorNode node) {}

                @Override
                public void enterEveryRule(ParserRuleContext ctx) {
                    Cancelled.check();
                }

                @Override
                public void exitEveryRule(ParserRuleContext ctx) {}
            };

    /** The tokens of a text, as the parser would see them (for putting a macro's arguments in place). */
    static List<org.antlr.v4.runtime.Token> tokens(String text) {
        TcpsLexer lexer = new TcpsLexer(CharStreams.fromString(lineEndsAsAntlrCountsThem(text)));
        lexer.removeErrorListeners();
        List<org.antlr.v4.runtime.Token> all = new java.util.ArrayList<>();
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
                t = lexer.nextToken()) {
            all.add(t);
        }
        return all;
    }

    /**
     * An exercise, or the blanks of one, handed to {@code tcps run}: said plainly, before parsing,
     * so that running a handout neither prints its answers nor a list of syntax errors.
     */
    private static List<Diagnostic> exerciseParts(Source source, ScanningLexer lexer) {
        if (lexer.exercise != null) {
            return List.of(new Diagnostic(source, Spans.of(lexer.exercise), IS_AN_EXERCISE));
        }
        List<Diagnostic> found = new ArrayList<>();
        for (Token t : lexer.blanks) {
            found.add(new Diagnostic(source, Spans.of(t), BLANK_OUTSIDE_EXERCISE));
        }
        return found;
    }

    /**
     * The lexer of a whole file, which also looks at each token as it makes it, for the checks
     * made before parsing (so that a long file's tokens are not read again for each).
     */
    private static final class ScanningLexer extends TcpsLexer {
        /** How deep the file nests (see {@link Nesting}). */
        final Nesting.Scan nesting;
        /** The first `exercise` keyword, if no `?` blank comes before it. */
        Token exercise;
        /** The first {@link ErrorList#MOST} `?` blanks. */
        final List<Token> blanks = new ArrayList<>();
        /** Whether the words `macro` or `import` appear. */
        boolean definesOrImports;

        ScanningLexer(Source source, int maxDepth) {
            super(charStream(lineEndsAsAntlrCountsThem(source.text()), source.name()));
            removeErrorListeners(); // nothing is printed: every error becomes a Diagnostic
            nesting = new Nesting.Scan(maxDepth);
        }

        @Override
        public Token nextToken() {
            Token t = super.nextToken();
            nesting.see(t);
            if (t.getType() == EXERCISE && exercise == null && blanks.isEmpty()) {
                exercise = t;
            } else if (t.getType() == HOLE && blanks.size() < ErrorList.MOST) {
                blanks.add(t);
            } else if (t.getType() == MACRO || t.getType() == IMPORT) {
                definesOrImports = true;
            }
            return t;
        }
    }

    /** The result of parsing an exercise: {@code exercise} is null when {@code errors} is not empty. */
    public record ExerciseResult(Exercise exercise, List<Diagnostic> errors) {
        public ExerciseResult {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Parses an exercise file (docs/teaching.md): its frame, blanks, checks and goals. */
    public static ExerciseResult parseExercise(Source source) {
        ScanningLexer lexer = new ScanningLexer(source, DEFAULT_MAX_DEPTH);
        CommonTokenStream tokens = tokenStream(lexer, source.text().length());
        ErrorList errors = new ErrorList(source);
        // As for scripts: a file nested past the limit is not parsed (the parser recurses), and an
        // operator chain too deep for the tree builder is an error at its place.
        tokens.fill();
        Nesting.Deep deep = lexer.nesting.deep();
        if (deep != null) {
            errors.add(new Diagnostic(source, Spans.of(deep.token()), deep.message()));
            return new ExerciseResult(null, errors.toList());
        }
        TcpsParser parser = new TcpsParser(tokens);
        parser.removeErrorListeners();
        TwoStages<TcpsParser.ExerciseFileContext> parsed =
                twoStages(source, tokens, parser, new Bail(), errors, TcpsParser::exerciseFile);
        TcpsParser.ExerciseFileContext tree = parsed.tree();
        for (ParserRuleContext expr : tooDeepExpressions(parsed, lexer, DEFAULT_MAX_DEPTH)) {
            errors.add(new Diagnostic(source, Spans.of(expr.start), Nesting.expressionMessage(DEFAULT_MAX_DEPTH)));
        }
        if (!errors.isEmpty()) {
            return new ExerciseResult(null, errors.toList());
        }
        Exercise exercise = new ExerciseBuilder(source, errors).exercise(tree);
        return errors.isEmpty() ? new ExerciseResult(exercise, List.of()) : new ExerciseResult(null, errors.toList());
    }

    /** The tokens of a text, comments and spaces left out, the end of the file not included. */
    public static List<Lexeme> lex(String text) {
        TcpsLexer lexer = new TcpsLexer(CharStreams.fromString(lineEndsAsAntlrCountsThem(text)));
        lexer.removeErrorListeners();
        List<Lexeme> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                out.add(new Lexeme(TcpsLexer.VOCABULARY.getSymbolicName(t.getType()), t.getText(), t.getLine(),
                        t.getCharPositionInLine() + 1, t.getStartIndex(), t.getStopIndex() + 1));
            }
        }
        return out;
    }

    /**
     * ANTLR counts lines at '\n' only, while {@link Source#line} also ends a line at a lone '\r'
     * (old Mac files). Turning a lone '\r' into '\n' keeps every offset and makes both agree.
     */
    private static String lineEndsAsAntlrCountsThem(String text) {
        return text.indexOf('\r') < 0 ? text : text.replaceAll("\r(?!\n)", "\n");
    }
}
