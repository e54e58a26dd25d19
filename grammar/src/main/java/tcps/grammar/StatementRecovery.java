package tcps.grammar;

import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.antlr.v4.runtime.ANTLRErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * What the parser does on a syntax error: report it once, skip to the end of the statement (the
 * next new line or `;`, or the `}` closing its scenario) and go on with the next statement, so
 * that one run shows every broken statement.
 *
 * <p>ANTLR's default strategy guesses a missing or an extra token and carries on inside the
 * statement, which reports errors at places the user did not write; we never guess.
 */
final class StatementRecovery implements ANTLRErrorStrategy {

    /** Where the parser gave up: the token it could not take, and the ATN state and rule it was in. */
    record Failure(Token offending, int state, RuleContext context, RecognitionException cause) {}

    private final Consumer<Failure> reporter;
    private final NavigableSet<Integer> errorTokens = new TreeSet<>();
    private boolean recovering;

    // The first place the parser could have stopped before the token at stopIndex. When a statement
    // ends early ("client at 1.2.3.4 prot 5"), the error surfaces at the statement's end, but what
    // the user most likely missed (`port`) was wanted here.
    private int stopIndex = -1;
    private int stopState;
    private ParserRuleContext stopContext;

    StatementRecovery(Consumer<Failure> reporter) {
        this.reporter = reporter;
    }

    /** Token indexes of the reported errors, so that the tree builder can skip broken statements. */
    NavigableSet<Integer> errorTokens() {
        return errorTokens;
    }

    @Override
    public void reset(Parser parser) {
        recovering = false;
        stopIndex = -1;
    }

    @Override
    public Token recoverInline(Parser parser) {
        throw new InputMismatchException(parser);
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        if (parser.getContext() instanceof TcpsParser.ScenarioContext scenario && scenario.LBRACE() == null) {
            skipBlock(parser); // a broken scenario header: its body would only bring more errors
        } else if (!skipToTheNextField(parser)) {
            skipStatement(parser);
        }
    }

    /**
     * Inside a field of an {@code expect}'s segment (`ack=) win>x`): skips to the next field, time
     * or `as` of the statement, if there is one, so that the rest of the line is read and its own
     * mistakes reported in the same run. A field starts with its name and its operator (`win>`),
     * a "payload", `length`; nothing is guessed but where the next field starts. False when
     * there is no such place (the statement is then skipped as any other).
     */
    private static boolean skipToTheNextField(Parser parser) {
        if (!inAnExpectedField(parser.getContext())) {
            return false;
        }
        org.antlr.v4.runtime.TokenStream in = parser.getInputStream();
        boolean inBlock = insideScenario(parser.getContext());
        // The next field may start at the very token that failed (`seq=(1 wnd=2`: `)` was missing),
        // unless the failed rule started there too: it would fail there again.
        int first = parser.getContext().start.getTokenIndex() < in.index() ? 1 : 2;
        int depth = 0;
        for (int k = 1; ; k++) {
            int t = in.LA(k);
            if (t == TcpsParser.NEWLINE || t == TcpsParser.SEMI || t == Token.EOF
                    || t == TcpsParser.RBRACE && depth == 0 && inBlock) {
                return false;
            }
            if (k >= first && depth == 0 && startsAField(in, k)) {
                for (int i = 1; i < k; i++) {
                    parser.consume();
                }
                return true;
            }
            if (t == TcpsParser.LBRACE) {
                depth++;
            } else if (t == TcpsParser.RBRACE && depth > 0) {
                depth--;
            }
        }
    }

    private static boolean startsAField(org.antlr.v4.runtime.TokenStream in, int k) {
        int t = in.LA(k);
        if (t == TcpsParser.IDENT) {
            int next = in.LA(k + 1);
            return next == TcpsParser.EQUALS || next == TcpsParser.EQEQ || next == TcpsParser.NOTEQ
                    || next == TcpsParser.LT || next == TcpsParser.LE || next == TcpsParser.GT || next == TcpsParser.GE
                    || next == TcpsParser.IN;
        }
        return t == TcpsParser.STRING || t == TcpsParser.LENGTH || t == TcpsParser.AFTER || t == TcpsParser.WITHIN
                || t == TcpsParser.AS;
    }

    /** In a field of the segment an {@code expect} describes or a {@code send} sends. */
    private static boolean inAnExpectedField(RuleContext context) {
        boolean field = false;
        for (RuleContext c = context; c != null; c = c.parent) {
            if (c instanceof TcpsParser.FieldContext) {
                field = true;
            } else if (c instanceof TcpsParser.StatementContext) {
                return field && (c instanceof TcpsParser.ExpectSegmentContext || c instanceof TcpsParser.SendContext);
            }
        }
        return false;
    }

    @Override
    public void sync(Parser parser) {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        int next = parser.getInputStream().LA(1);
        IntervalSet wanted = parser.getATN().nextTokens(state);
        if (wanted.contains(Token.EPSILON)) {
            rememberStop(parser);
        }
        if (wanted.contains(next) || wanted.contains(Token.EPSILON)) {
            return;
        }
        switch (state.getStateType()) {
            case ATNState.STAR_LOOP_ENTRY, ATNState.STAR_LOOP_BACK, ATNState.PLUS_LOOP_BACK -> {
                // In a loop (the statements of a file or a scenario, the options in <...>): report and
                // skip this statement, then let the loop go on.
                reportError(parser, new InputMismatchException(parser));
                skipStatement(parser);
            }
            case ATNState.BLOCK_START, ATNState.STAR_BLOCK_START, ATNState.PLUS_BLOCK_START ->
                    throw new InputMismatchException(parser);
            default -> {
            }
        }
    }

    @Override
    public boolean inErrorRecoveryMode(Parser parser) {
        return recovering;
    }

    @Override
    public void reportMatch(Parser parser) {
        recovering = false;
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (recovering) {
            return; // one error per statement: the rest of it is skipped anyway
        }
        recovering = true;
        Token offending = offendingToken(parser, e);
        errorTokens.add(offending.getTokenIndex());
        if (stopIndex == offending.getTokenIndex() && stopContext != null) {
            reporter.accept(new Failure(offending, stopState, stopContext, e));
        } else {
            reporter.accept(new Failure(offending, e.getOffendingState(), e.getCtx(), e));
        }
    }

    /**
     * The token to blame. When a choice other than the choice of statement fails, ANTLR names the
     * token where its look-ahead died, which can lie in the next statement; the choice was made at
     * its first token, so that is where the input stopped making sense.
     */
    private static Token offendingToken(Parser parser, RecognitionException e) {
        if (e instanceof NoViableAltException noViable && e.getCtx() != null
                && e.getCtx().getRuleIndex() != TcpsParser.RULE_statement) {
            return noViable.getStartToken();
        }
        return e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
    }

    private void rememberStop(Parser parser) {
        int index = parser.getCurrentToken().getTokenIndex();
        if (stopIndex != index) {
            stopIndex = index;
            stopState = parser.getState();
            stopContext = parser.getContext();
        }
    }

    /**
     * Skips to the end of the statement: a new line, `;`, the end of the file, or its scenario's
     * `}`. Braces the statement itself opened (as in `sack 1 {1:2}`) are not the scenario's.
     */
    private static void skipStatement(Parser parser) {
        IntervalSet ends = IntervalSet.of(TcpsParser.NEWLINE);
        ends.add(TcpsParser.SEMI);
        ends.add(Token.EOF);
        boolean inBlock = insideScenario(parser.getContext());
        int depth = 0;
        while (true) {
            int next = parser.getInputStream().LA(1);
            if (ends.contains(next) || next == TcpsParser.RBRACE && depth == 0 && inBlock) {
                return;
            }
            if (next == TcpsParser.LBRACE) {
                depth++;
            } else if (next == TcpsParser.RBRACE && depth > 0) {
                depth--;
            }
            parser.consume();
        }
    }

    /** Skips past the `}` that closes the scenario being read, or to the end of the file. */
    private static void skipBlock(Parser parser) {
        int next;
        while ((next = parser.getInputStream().LA(1)) != Token.EOF && next != TcpsParser.RBRACE) {
            parser.consume();
        }
        if (next == TcpsParser.RBRACE) {
            parser.consume();
        }
    }

    /** Inside a block that a `}` closes: a scenario, a profile definition or a repeat's body. */
    static boolean insideScenario(RuleContext context) {
        for (RuleContext c = context; c != null; c = c.parent) {
            if (c instanceof TcpsParser.ScenarioContext || c instanceof TcpsParser.ProfileDefContext
                    || c instanceof TcpsParser.BlockContext) {
                return true;
            }
        }
        return false;
    }
}
