package tcps.run;

import java.util.HashMap;
import java.util.Map;
import tcps.check.ValueType;
import tcps.sim.Captured;
import tcps.syntax.Expr;
import tcps.tcp.Segment;

/** The values a scenario has named so far: {@code let guess = ...} and {@code expect ... as probe}. */
final class Bindings {
    private record Value(long value, ValueType type) {}

    private final Map<String, Value> lets = new HashMap<>();
    private final Map<String, Captured> segments = new HashMap<>();

    /** About how many bytes of memory the bindings hold (a segment bound is counted whole: it may outlive the capture). */
    long keptBytes() {
        long n = 64L * lets.size();
        for (Captured c : segments.values()) {
            n += 64 + 96 + c.segment().keptBytes();
        }
        return n;
    }

    void let(String name, long value, ValueType type) {
        lets.put(name, new Value(type == ValueType.SEQUENCE_NUMBER ? value & 0xffffffffL : value, type));
    }

    void bind(String name, Captured segment) {
        segments.put(name, segment);
    }

    /** When the segment bound to {@code name} was sent. */
    long time(tcps.syntax.Name name) {
        Captured c = segments.get(name.text());
        if (c == null) {
            // the checker saw the `expect ... as NAME` before this use; it ran, and matched no segment
            throw new ScriptError(name.span(), "`" + name.text() + "` names no segment: the expect that would have "
                    + "named it found none");
        }
        return c.time();
    }

    ValueType typeOf(String name) {
        Value v = lets.get(name);
        // Every caller evaluates first, and value() reports a name whose `let` failed; never null here.
        return v == null ? ValueType.NUMBER : v.type();
    }

    /** The value of {@code guess}, or of {@code probe.seq}, {@code .ack}, {@code .win}, {@code .len}, {@code .time}. */
    long value(Expr.Ref ref) {
        if (ref.field() == null) {
            Value v = lets.get(ref.name().text());
            if (v == null) {
                throw new ScriptError(ref.span(), "`" + ref.name().text() + "` has no value: the `let` that names it "
                        + "failed");
            }
            return v.value();
        }
        Captured c = segments.get(ref.name().text());
        if (c == null) {
            // the checker saw the `expect ... as NAME` before this use; it ran, and matched no segment
            throw new ScriptError(ref.span(), "`" + ref.name().text() + "` names no segment: the expect that would "
                    + "have named it found none");
        }
        Segment s = c.segment();
        switch (ref.field().text()) {
            case "seq":
                return s.seq().value();
            case "ack":
                return s.ack().value();
            case "win":
                return s.window();
            case "len":
                return s.length();
            default:
                return c.time();
        }
    }
}
