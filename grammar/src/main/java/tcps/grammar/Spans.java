package tcps.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import tcps.syntax.Span;

/** Where tokens and parse-tree nodes sit in the source, as our {@link Span}. */
final class Spans {
    private Spans() {}

    /** A token's place; its length counts characters (end of file and end of line count as one). */
    static Span of(Token token) {
        return new Span(token.getLine(), token.getCharPositionInLine() + 1, length(token));
    }

    private static int length(Token token) {
        return token.getType() == Token.EOF ? 1 : token.getStopIndex() - token.getStartIndex() + 1;
    }

    /** From a node's first token to its last, clipped to the first token's line. */
    static Span of(ParserRuleContext node) {
        Token start = node.start;
        Token stop = node.stop == null || node.stop.getTokenIndex() < start.getTokenIndex() ? start : node.stop;
        // of(start).to(of(stop)), without making the two spans in between
        int column = start.getCharPositionInLine() + 1;
        int end = column + Math.max(1, length(start));
        if (stop != start && stop.getLine() == start.getLine()) {
            end = Math.max(end, stop.getCharPositionInLine() + 1 + Math.max(1, length(stop)));
        }
        return new Span(start.getLine(), column, end - column);
    }

    /** {@code length} characters starting {@code offset} characters into a one-line token. */
    static Span inside(Token token, int offset, int length) {
        return new Span(token.getLine(), token.getCharPositionInLine() + 1 + offset, length);
    }
}
