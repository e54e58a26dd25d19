package tcps.run;

import java.util.Map;
import java.util.Optional;
import tcps.check.Exprs;
import tcps.check.ValueType;
import tcps.syntax.Expr;
import tcps.syntax.Source;
import tcps.tcp.SeqNum;

/**
 * The one rule that makes {@code ack=isn+1} work (docs/language.md, "Numbers"): a seq or ack
 * value lives in one endpoint's sequence space, and a bare {@code isn} is that space's ISN.
 * A sequence number ({@code isn+1}, {@code probe.seq}) is taken as it is; a plain number counts
 * from the space's ISN in relative mode (the default) and is a raw 32-bit value in absolute mode.
 */
final class Numbering {
    private final boolean absolute;
    private final Map<String, Actor> actors;
    private final java.util.function.UnaryOperator<Actor> peerOf;
    private final Bindings bindings;
    private Source source;
    private final Evaluation.Observer observer;

    /**
     * @param peerOf   whom an endpoint talks to: whose connection {@code client.isn} means outside a field
     * @param observer told the value of every expression and name as it is computed
     */
    Numbering(boolean absolute, Map<String, Actor> actors, java.util.function.UnaryOperator<Actor> peerOf,
            Bindings bindings, Source source, Evaluation.Observer observer) {
        this.absolute = absolute;
        this.actors = actors;
        this.peerOf = peerOf;
        this.bindings = bindings;
        this.source = source;
        this.observer = observer;
    }

    /** The text expressions are written in from now on: the script's, or a macro's expansion. */
    void source(Source text) {
        this.source = text;
    }

    /** Whether {@code e} is a sequence number or a number. */
    ValueType type(Expr e) {
        return ValueType.of(e, bindings::typeOf);
    }

    /** The 32-bit value {@code e} denotes in {@code space}. */
    SeqNum evaluate(Expr e, Space space) {
        long v = Exprs.eval(e, values(space));
        SeqNum result;
        if (absolute || ValueType.of(e, bindings::typeOf) == ValueType.SEQUENCE_NUMBER) {
            result = SeqNum.of(v);
        } else {
            // A distance counts from the space's ISN; with none chosen yet, numbers are taken as written.
            result = space == null ? SeqNum.of(v) : space.isn().map(base -> base.plus(v)).orElse(SeqNum.of(v));
        }
        if (observer != Evaluation.Observer.NONE) {
            String fromIsn = space == null ? "" : space.isn().map(base -> " (" + fromIsn(space.owner(), result.offsetFrom(base)) + ")")
                    .orElse("");
            observed(e, result.value(), result + fromIsn);
        }
        return result;
    }

    /** A plain number (a window, a count); names of segments and values are allowed, ISNs are not. */
    long number(Expr e) {
        long v = Exprs.eval(e, values(null));
        observed(e, v, String.valueOf(v));
        return v;
    }

    /** An expression as written. */
    String text(Expr e) {
        return source.text(e.span());
    }

    /** The type and value of a {@code let}: ISNs are those of the endpoints' connection with each other. */
    void let(String name, Expr e) {
        long v = Exprs.eval(e, values(null));
        observed(e, v, String.valueOf(v));
        bindings.let(name, v, ValueType.of(e, bindings::typeOf));
    }

    /** "isn+1 = 934227077 (client's ISN + 1)"; a literal is not repeated ("7", not "7 = 7"). */
    private void observed(Expr e, long value, String shown) {
        if (observer == Evaluation.Observer.NONE) {
            return; // a plain run: no text to build
        }
        String text = source.text(e.span());
        observer.evaluated(new Evaluation(source, e.span(), value, shown.startsWith(text + " ") || shown.equals(text)
                ? shown : text + " = " + shown));
    }

    private static String fromIsn(Actor owner, long offset) {
        long signed = (int) offset; // the nearer way round the circle
        return owner.plan().name() + "'s ISN " + (signed < 0 ? "- " + -signed : "+ " + signed);
    }

    /** What the script counts from in this space: its ISN in relative mode, else zero. */
    SeqNum base(Space space) {
        return absolute ? SeqNum.of(0) : space.isn().orElse(SeqNum.of(0));
    }

    /** "1 (absolute 934227077)" in relative mode, "934227077 (relative 1)" in absolute mode. */
    String show(SeqNum value, Space space) {
        Optional<SeqNum> base = space.isn();
        if (base.isEmpty()) {
            return value.toString();
        }
        long rel = value.offsetFrom(base.get());
        return absolute ? value + " (relative " + rel + ")" : rel + " (absolute " + value + ")";
    }

    /** The expected value as the user wrote it: "isn+1 = 1 (absolute 934227077)" or "1 (absolute ...)". */
    String showExpected(Expr e, SeqNum value, Space space) {
        String shown = show(value, space);
        return e.isLiteral() ? shown : source.text(e.span()) + " = " + shown;
    }

    private Exprs.Values values(Space space) {
        return new Exprs.Values() {
            @Override
            public long isn(Expr.Isn ref) {
                long v = isnOf(ref, space).value();
                if (observer != Evaluation.Observer.NONE) {
                    Actor who = ref.endpoint() == null ? space.owner() : actors.get(ref.endpoint().text());
                    observed(ref, v, v + " (" + who.plan().name() + "'s ISN)");
                }
                return v;
            }

            @Override
            public long ref(Expr.Ref ref) {
                long v = bindings.value(ref);
                observed(ref, v, String.valueOf(v));
                return v;
            }

            @Override
            public long tcb(Expr.Tcb ref) {
                long v = TcbView.read(actors.get(ref.endpoint().text()), ref);
                observed(ref, v, String.valueOf(v));
                return v;
            }
        };
    }

    /** {@code isn} is the ISN of the field's space; {@code client.isn} that of the client's side of it. */
    private SeqNum isnOf(Expr.Isn ref, Space space) {
        Actor who = ref.endpoint() == null ? space.owner() : actors.get(ref.endpoint().text());
        Space s = space == null ? new Space(who, peerOf.apply(who)) : who == space.owner() ? space : space.reversed();
        return s.isn().orElseThrow(() -> new ScriptError(ref.span(), "the ISN of " + who.plan().name()
                + " is not known yet: it has no connection with " + s.peer().plan().name()));
    }
}
