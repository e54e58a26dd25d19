package tcps.syntax;

/** One TCP option in tcpdump's spelling, inside {@code <...>}. */
public sealed interface OptionItem {
    Span span();

    <R> R accept(Visitor<R> visitor);

    /** A pass over options: one method per kind, checked by the compiler. */
    interface Visitor<R> {
        R visitMss(Mss o);

        R visitWindowScale(WindowScale o);

        R visitSackPermitted(SackPermitted o);

        R visitTimestamps(Timestamps o);

        R visitSack(Sack o);

        R visitNop(Nop o);

        R visitEol(Eol o);
    }

    record Mss(Expr value, Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMss(this);
        }
    }

    record WindowScale(Expr shift, Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWindowScale(this);
        }
    }

    record SackPermitted(Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSackPermitted(this);
        }
    }

    /** {@code TS} alone checks presence only: {@code val} and {@code ecr} are then null. */
    record Timestamps(Expr val, Expr ecr, Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTimestamps(this);
        }
    }

    /**
     * {@code sack 2 {1001:2001}{3001:4001}}: SACK blocks (RFC 2018), each from its left edge to
     * its right edge, in the sequence space the segment acknowledges (as {@code ack=}).
     */
    record Sack(java.util.List<Block> blocks, Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSack(this);
        }

        public Sack {
            blocks = java.util.List.copyOf(blocks);
        }
    }

    record Block(Expr left, Expr right, Span span) {}

    record Nop(Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNop(this);
        }
    }

    record Eol(Span span) implements OptionItem {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEol(this);
        }
    }
}
