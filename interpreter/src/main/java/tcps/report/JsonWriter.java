package tcps.report;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON as it goes (RFC 8259), indented two spaces per level, so a long run streams out
 * scenario by scenario. The caller opens and closes objects and arrays in order; names and
 * strings are escaped here.
 */
public final class JsonWriter {
    private final PrintWriter out;
    /** Per open container: whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;
    /** The most bytes (UTF-8) of elements written {@linkplain #whole whole}; the structure around them may go past. */
    private final long budget;
    /** Bytes written so far. */
    private long written;
    /** Where an element being written whole goes until it is known to fit; null outside one. */
    private StringBuilder pending;
    /** An element was left out: every later one is too (the output is a prefix of the whole). */
    private boolean cut;

    JsonWriter(PrintWriter out) {
        this(out, Long.MAX_VALUE);
    }

    /** A writer whose {@linkplain #whole elements} stop once {@code budget} bytes are written. */
    JsonWriter(PrintWriter out, long budget) {
        this.out = out;
        this.budget = budget;
    }

    /**
     * Writes one element of the array open now, whole, or leaves it out when it would take the
     * output past the budget (and every element after it): a document cut short stays valid
     * JSON, with every container closed and every member around the elements in place.
     *
     * @return false when the element was left out
     */
    boolean whole(Runnable element) {
        if (pending != null) { // inside an element written whole: that one decides for both
            element.run();
            return true;
        }
        if (cut) {
            return false;
        }
        boolean[] top = open.peek();
        boolean had = top != null && top[0];
        pending = new StringBuilder();
        try {
            element.run();
        } finally {
            String text = pending.toString();
            pending = null;
            if (written + utf8Length(text) > budget) {
                cut = true;
                if (top != null) {
                    top[0] = had;
                }
            } else {
                print(text);
            }
        }
        return !cut;
    }

    /** True once an element was left out for the budget. */
    boolean cut() {
        return cut;
    }

    JsonWriter beginObject() {
        emit("{");
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endObject() {
        return end('}');
    }

    JsonWriter beginArray() {
        emit("[");
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endArray() {
        return end(']');
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        separate();
        print(quote(name));
        print(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        return s == null ? raw("null") : raw(quote(s));
    }

    JsonWriter value(long n) {
        return raw(Long.toString(n));
    }

    JsonWriter value(boolean b) {
        return raw(Boolean.toString(b));
    }

    JsonWriter nullValue() {
        return raw("null");
    }

    JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    /** Ends the document with a newline. */
    void finish() {
        print("\n");
        out.flush();
    }

    private JsonWriter raw(String text) {
        emit(text);
        return this;
    }

    private void emit(String text) {
        if (!afterName) {
            separate();
        }
        afterName = false;
        print(text);
    }

    private void separate() {
        if (open.isEmpty()) {
            return;
        }
        boolean[] any = open.peek();
        if (any[0]) {
            print(",");
        }
        any[0] = true;
        newline();
    }

    private JsonWriter end(char close) {
        boolean any = open.pop()[0];
        if (any) {
            newline();
        }
        print(String.valueOf(close));
        return this;
    }

    private void newline() {
        print("\n" + "  ".repeat(open.size()));
    }

    private void print(String text) {
        if (pending != null) {
            pending.append(text);
        } else {
            out.print(text);
            written += utf8Length(text);
        }
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** A JSON string literal of s, escaped as RFC 8259 says (control characters as \\u escapes). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
