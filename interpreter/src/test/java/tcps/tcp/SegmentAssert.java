package tcps.tcp;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Compares segments field by field and names the first field that differs. */
final class SegmentAssert {
    private SegmentAssert() {}

    static void assertSegments(List<Segment> actual, Segment... expected) {
        if (actual.size() != expected.length) {
            fail("expected " + expected.length + " segment(s) but the host sent " + actual.size()
                    + ":\n" + listing(actual));
        }
        for (int i = 0; i < expected.length; i++) {
            assertSegment("segment " + (i + 1) + " of " + expected.length, expected[i], actual.get(i));
        }
    }

    static void assertSegment(String which, Segment expected, Segment actual) {
        check(which, "src", expected.src(), actual.src(), expected, actual);
        check(which, "dst", expected.dst(), actual.dst(), expected, actual);
        check(which, "flags", TcpFlags.words(expected.flags()), TcpFlags.words(actual.flags()), expected, actual);
        check(which, "seq", expected.seq(), actual.seq(), expected, actual);
        check(which, "ack", expected.ack(), actual.ack(), expected, actual);
        check(which, "window", expected.window(), actual.window(), expected, actual);
        check(which, "urgent", expected.urgent(), actual.urgent(), expected, actual);
        check(which, "options", expected.options(), actual.options(), expected, actual);
        check(which, "payload", text(expected), text(actual), expected, actual);
    }

    private static void check(String which, String field, Object expected, Object actual,
            Segment e, Segment a) {
        if (!expected.equals(actual)) {
            fail(which + ": field " + field + " differs: expected " + expected + " but was " + actual
                    + "\n  expected: " + e + " " + e.options() + "\n  actual:   " + a + " " + a.options());
        }
    }

    private static String text(Segment s) {
        return new String(s.payload(), StandardCharsets.ISO_8859_1);
    }

    static String listing(List<Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append("  ").append(s).append(' ').append(s.options()).append('\n');
        }
        return sb.toString();
    }
}
