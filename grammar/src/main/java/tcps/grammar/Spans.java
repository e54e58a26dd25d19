package tcps.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import tcps.syntax.Span;

/** Where tokens and parse-tree nodes sit in the source, as our {@link Span}. */
final class Spans {
    private Spans() {}

    /** A token's place; its length counts characters (end of file and end of line count as one). */
    static Span of(Token token) {
        int length = token.getType() == Token.EOF ? 1 : token.getStopIndex() - token.getStartIndex() + 1;
        return new Span(token.getLine(), token.getCharPositionInLine() + 1, length);
    }

    /** From a node's first token to its last, clipped to the first token's line. */
    static Span of(ParserRuleContext node) {
        Token stop = node.stop == null || node.stop.getTokenIndex() < node.start.getTokenIndex() ? node.start : node.stop;
        return of(node.start).to(of(stop));
    }

    /** {@code length} characters starting {@code offset} characters into a one-line token. */
    static Span inside(Token token, int offset, int length) {
        return new Span(token.getLine(), token.getCharPositionInLine() + 1 + offset, length);
    }
}
