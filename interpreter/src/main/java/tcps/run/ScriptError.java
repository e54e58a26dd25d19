package tcps.run;

import tcps.syntax.Span;

/** A statement that cannot do what it says at run time; becomes a {@link Failure} at its place. */
final class ScriptError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Span span;

    ScriptError(Span span, String message) {
        super(message, null, false, false);
        this.span = span;
    }
}
