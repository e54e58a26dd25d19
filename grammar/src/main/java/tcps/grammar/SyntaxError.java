package tcps.grammar;

import tcps.syntax.Span;

/**
 * Something that parsed but cannot be right (a port above 65535, an unknown field name), found
 * while building the tree. The statement is dropped and the message reported with the others.
 */
final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Span span;

    SyntaxError(Span span, String message) {
        super(message, null, false, false);
        this.span = span;
    }
}
