package tcps.run;

import java.util.Map;
import java.util.Optional;
import tcps.check.Exprs;
import tcps.syntax.Expr;
import tcps.syntax.Source;
import tcps.tcp.SeqNum;

/**
 * The one rule that makes {@code ack=isn+1} work (docs/language.md, "Numbers"): a seq or ack
 * value lives in one endpoint's sequence space; a bare {@code isn} is that space's ISN. In
 * relative mode (the default) numbers count from the space's ISN, so {@code 1} and
 * {@code isn+1} are the same value; in absolute mode numbers are raw 32-bit values.
 */
final class Numbering {
    private final boolean absolute;
    private final Map<String, Actor> actors;
    private final Source source;

    Numbering(boolean absolute, Map<String, Actor> actors, Source source) {
        this.absolute = absolute;
        this.actors = actors;
        this.source = source;
    }

    /** The 32-bit value {@code e} denotes in {@code space}. */
    SeqNum evaluate(Expr e, Space space) {
        Optional<SeqNum> base = space.isn();
        if (absolute) {
            return SeqNum.of(Exprs.eval(e, ref -> isnOf(ref, space).value()));
        }
        if (base.isEmpty()) {
            // Nothing to count from (no connection chose an ISN): numbers are taken as written.
            return SeqNum.of(Exprs.eval(e, ref -> isnOf(ref, space).value()));
        }
        long relative = Exprs.eval(e, ref -> isnOf(ref, space).offsetFrom(base.get()));
        return base.get().plus(relative);
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

    private SeqNum isnOf(Expr.Isn ref, Space space) {
        Actor who = ref.endpoint() == null ? space.owner() : actors.get(ref.endpoint().text());
        Space s = who == space.owner() ? space : space.reversed();
        return s.isn().orElseThrow(() -> new ScriptError(ref.span(), "the ISN of " + who.plan().name()
                + " is not known yet: it has no connection with " + s.peer().plan().name()));
    }
}
