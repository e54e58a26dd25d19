package tcps.syntax;

/** tcpdump's arrow, {@code client > server}: the sender and the receiver of a segment. */
public record Direction(Name from, Name to, Span span) {
    @Override
    public String toString() {
        return from + " > " + to;
    }
}
