package tcps.syntax;

/** An identifier as written (an endpoint, a profile, a state, a flag word), with its place. */
public record Name(String text, Span span) {
    @Override
    public String toString() {
        return text;
    }
}
