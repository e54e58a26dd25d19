package tcps.syntax;

/** One TCP option in tcpdump's spelling, inside {@code <...>}. */
public sealed interface OptionItem {
    Span span();

    record Mss(Expr value, Span span) implements OptionItem {}

    record WindowScale(Expr shift, Span span) implements OptionItem {}

    record SackPermitted(Span span) implements OptionItem {}

    /** {@code TS} alone checks presence only: {@code val} and {@code ecr} are then null. */
    record Timestamps(Expr val, Expr ecr, Span span) implements OptionItem {}

    /**
     * {@code sack 2 {1001:2001}{3001:4001}}: SACK blocks (RFC 2018), each from its left edge to
     * its right edge, in the sequence space the segment acknowledges (as {@code ack=}).
     */
    record Sack(java.util.List<Block> blocks, Span span) implements OptionItem {
        public Sack {
            blocks = java.util.List.copyOf(blocks);
        }
    }

    record Block(Expr left, Expr right, Span span) {}

    record Nop(Span span) implements OptionItem {}

    record Eol(Span span) implements OptionItem {}
}
