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

    JsonWriter(PrintWriter out) {
        this.out = out;
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
        out.print(quote(name));
        out.print(": ");
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
        out.println();
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
        out.print(text);
    }

    private void separate() {
        if (open.isEmpty()) {
            return;
        }
        boolean[] any = open.peek();
        if (any[0]) {
            out.print(',');
        }
        any[0] = true;
        newline();
    }

    private JsonWriter end(char close) {
        boolean any = open.pop()[0];
        if (any) {
            newline();
        }
        out.print(close);
        return this;
    }

    private void newline() {
        out.print('\n');
        out.print("  ".repeat(open.size()));
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
