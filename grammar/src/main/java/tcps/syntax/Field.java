package tcps.syntax;

/** One field of a segment pattern (in {@code expect}) or of a crafted segment (in {@code send}). */
public sealed interface Field {
    Span span();

    /** {@code seq=E} or tcpdump's {@code seq=E:E} (start and end, end = start + payload length). */
    record Seq(Expr start, Expr end, Span span) implements Field {}

    record Ack(Expr value, Span span) implements Field {}

    record Win(Expr value, Span span) implements Field {}

    record Urg(Expr value, Span span) implements Field {}

    /** {@code length N} or {@code len=N}: the payload length. */
    record Length(Expr value, Span span) implements Field {}

    /** A string literal: the payload's bytes. */
    record Data(Payload payload, Span span) implements Field {}

    /** {@code <mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 7>}: the option list, in wire order. */
    record Options(java.util.List<OptionItem> items, Span span) implements Field {
        public Options {
            items = java.util.List.copyOf(items);
        }
    }
}
