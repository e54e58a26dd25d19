package tcps.syntax;

import java.util.Arrays;

/** A string literal decoded to the bytes it stands for (UTF-8, with \n \r \t \\ \" \0 \xHH escapes). */
public record Payload(byte[] bytes, Span span) {
    public Payload {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Arrays.equals(bytes, p.bytes) && span.equals(p.span);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + span.hashCode();
    }

    @Override
    public String toString() {
        return "Payload[" + bytes.length + " bytes at " + span + "]";
    }
}
