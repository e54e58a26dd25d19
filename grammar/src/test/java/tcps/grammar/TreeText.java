package tcps.grammar;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Collectors;
import tcps.syntax.Direction;
import tcps.syntax.Duration;
import tcps.syntax.Expr;
import tcps.syntax.Flags;
import tcps.syntax.Name;
import tcps.syntax.Payload;

/**
 * A syntax tree as short text without spans, so that a test states the whole tree it expects in
 * one line: {@code Send(client, SegmentSpec(RST, [Seq((isn + 1), -)]))}. Spans are tested apart.
 */
final class TreeText {
    private TreeText() {}

    static String of(Object node) {
        if (node == null) {
            return "-";
        }
        if (node instanceof Name name) {
            return name.text();
        }
        if (node instanceof Flags flags) {
            return flags.text();
        }
        if (node instanceof Direction direction) {
            return direction.from().text() + " > " + direction.to().text();
        }
        if (node instanceof Duration duration) {
            return duration.micros() + "us";
        }
        if (node instanceof Payload payload) {
            return quoted(payload.bytes());
        }
        if (node instanceof Expr expr) {
            return expr(expr);
        }
        if (node instanceof List<?> list) {
            return list.stream().map(TreeText::of).collect(Collectors.joining(", ", "[", "]"));
        }
        if (node instanceof Record record) {
            return record(record);
        }
        return String.valueOf(node);
    }

    private static String expr(Expr expr) {
        if (expr instanceof Expr.Num num) {
            return Long.toString(num.value());
        } else if (expr instanceof Expr.Isn isn) {
            return isn.endpoint() == null ? "isn" : isn.endpoint().text() + ".isn";
        } else if (expr instanceof Expr.Negate negate) {
            return "-" + expr(negate.operand());
        } else if (expr instanceof Expr.Ref ref) {
            return ref.field() == null ? ref.name().text() : ref.name().text() + "." + ref.field().text();
        } else {
            Expr.Binary binary = (Expr.Binary) expr;
            return "(" + expr(binary.left()) + " " + binary.op().symbol + " " + expr(binary.right()) + ")";
        }
    }

    /** {@code Name(component, ...)} for every component but the span; no parentheses when none is left. */
    private static String record(Record record) {
        StringBuilder text = new StringBuilder(record.getClass().getSimpleName());
        List<String> parts = new java.util.ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("span")) {
                continue;
            }
            try {
                parts.add(of(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (!parts.isEmpty()) {
            text.append(parts.stream().collect(Collectors.joining(", ", "(", ")")));
        }
        return text.toString();
    }

    private static String quoted(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\n') {
                text.append("\\n");
            } else if (c == '"' || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02x", c));
            }
        }
        return text.append('"').toString();
    }
}
