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

        R visitCompared(Compared f);

        R visitRange(Range f);

        R visitError(Error f);
    }

    /**
     * A field that parsed but could not be built (an unknown field name, `win=` of a number too
     * wide), already reported: a placeholder so that the other fields are still checked, and so
     * that nothing is reported as missing because of it. {@code value} is the expression written
     * after the name when it could be built (its names are still checked), else null.
     */
    record Error(Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitError(this);
        }
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

    /**
     * {@code win>0}, {@code len>=1}, {@code seq<isn+100}: a field compared otherwise than with
     * {@code =}. {@code field} is seq, ack, win, urg or len; seq and ack compare modulo 2^32.
     */
    record Compared(Name field, Comparison op, Expr value, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCompared(this);
        }
    }

    /** {@code ack in isn+1..isn+14}: both ends included; for seq and ack, modulo 2^32 from low. */
    record Range(Name field, Expr low, Expr high, Span span) implements Field {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRange(this);
        }
    }
}
