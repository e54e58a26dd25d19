package tcps.syntax;

/**
 * Flags as written, not yet resolved: either words joined by '-' or '+' ({@code SYN-ACK},
 * {@code FIN+ACK}) or tcpdump's bracket notation ({@code [S.]}, {@code [.]}, {@code [none]}).
 * {@code text} is exactly what the user wrote; the checker turns it into flag bits.
 */
public record Flags(String text, Span span) {
    public boolean bracketed() {
        return text.startsWith("[");
    }

    @Override
    public String toString() {
        return text;
    }
}
