package tcps.syntax;

/** One field of a segment pattern (in {@code expect}) or of a crafted segment (in {@code send}). */
public sealed interface Field {
    Span span();

    <R> R accept(Visitor<R> visitor);

    /** A pass over fields: one method per kind, checked by the compiler. */
    interface Visitor<R> {
        R visitSeq(Seq f);

        R visitAck(Ack f);

        R visitWin(Win f);

        R visitUrg(Urg f);

        R visitLength(Length f);

        R visitData(Data f);

        R visitOptions(Options f);
    }

    /** {@code seq=E} or tcpdump's {@code seq=E:E} (start and end, end = start + payload length). */
    record Seq(Expr start, Expr end, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeq(this);
        }
    }

    record Ack(Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAck(this);
        }
    }

    record Win(Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWin(this);
        }
    }

    record Urg(Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUrg(this);
        }
    }

    /** {@code length N} or {@code len=N}: the payload length. */
    record Length(Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLength(this);
        }
    }

    /** A string literal: the payload's bytes. */
    record Data(Payload payload, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitData(this);
        }
    }

    /** {@code <mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 7>}: the option list, in wire order. */
    record Options(java.util.List<OptionItem> items, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOptions(this);
        }

        public Options {
            items = java.util.List.copyOf(items);
        }
    }
}
