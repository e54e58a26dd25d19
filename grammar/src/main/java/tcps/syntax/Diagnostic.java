package tcps.syntax;

/** An error found before anything runs: a plain sentence tied to a place in the source. */
public record Diagnostic(Source source, Span span, String message) implements Comparable<Diagnostic> {
    @Override
    public int compareTo(Diagnostic o) {
        int c = Integer.compare(span.line(), o.span.line());
        return c != 0 ? c : Integer.compare(span.column(), o.span.column());
    }
}
