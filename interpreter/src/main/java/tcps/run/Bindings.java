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

    void let(String name, long value, ValueType type) {
        lets.put(name, new Value(type == ValueType.SEQUENCE_NUMBER ? value & 0xffffffffL : value, type));
    }

    void bind(String name, Captured segment) {
        segments.put(name, segment);
    }

    ValueType typeOf(String name) {
        return lets.get(name).type();
    }

    /** The value of {@code guess}, or of {@code probe.seq}, {@code .ack}, {@code .win}, {@code .len}, {@code .time}. */
    long value(Expr.Ref ref) {
        if (ref.field() == null) {
            return lets.get(ref.name().text()).value();
        }
        Captured c = segments.get(ref.name().text());
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
