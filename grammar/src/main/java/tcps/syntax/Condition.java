package tcps.syntax;

/** What {@code repeat until} waits for: an endpoint's state, or a comparison of two values. */
public sealed interface Condition {
    Span span();

    <R> R accept(Visitor<R> visitor);

    /** A pass over conditions: one method per kind, checked by the compiler. */
    interface Visitor<R> {
        R visitStateIs(StateIs c);

        R visitCompare(Compare c);
    }

    /** {@code client state ESTABLISHED}. */
    record StateIs(Name endpoint, Name state, Span span) implements Condition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitStateIs(this);
        }
    }

    /** {@code client.snd_wnd == 0}, {@code client.snd_una == client.isn + 14}. */
    record Compare(Expr left, Comparison op, Expr right, Span span) implements Condition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCompare(this);
        }
    }
}
