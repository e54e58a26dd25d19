package tcps.tcp;

/**
 * What one SEND call (RFC 9293 3.10.2) hands to TCP: literal bytes, or a pattern repeated to a
 * length. The second is an application writing a stream it never holds whole in memory (as a
 * real one does through a socket buffer): TCP copies out only the bytes of each segment it
 * sends, so a write of gigabytes costs no more memory than a write of a few bytes. Immutable.
 */
public final class SendData {
    /** Below this, a short pattern is laid out again and again, so a segment is copied in a few runs. */
    private static final int LAID_OUT = 4096;

    private final byte[] pattern;
    /** The pattern repeated whole to at least {@link #LAID_OUT} bytes (or the pattern itself). */
    private final byte[] repeated;
    private final long length;

    private SendData(byte[] pattern, long length) {
        this.pattern = pattern;
        this.length = length;
        if (pattern.length > 0 && pattern.length < LAID_OUT && length > pattern.length) {
            int copies = (LAID_OUT + pattern.length - 1) / pattern.length;
            byte[] r = new byte[copies * pattern.length];
            for (int i = 0; i < copies; i++) {
                System.arraycopy(pattern, 0, r, i * pattern.length, pattern.length);
            }
            this.repeated = r;
        } else {
            this.repeated = pattern;
        }
    }

    /** About how many bytes of memory this write holds until it is sent: the pattern, laid out. */
    long keptBytes() {
        return 48 + pattern.length + (repeated == pattern ? 0 : repeated.length);
    }

    /** Exactly these bytes (copied). */
    public static SendData of(byte[] bytes) {
        return new SendData(bytes.clone(), bytes.length);
    }

    /**
     * {@code length} bytes: {@code pattern} over and over from its first byte, the last repeat
     * cut short where the length ends.
     *
     * @throws IllegalArgumentException if the length is negative, or positive with an empty pattern
     */
    public static SendData repeating(byte[] pattern, long length) {
        if (length < 0 || length > 0 && pattern.length == 0) {
            throw new IllegalArgumentException("cannot repeat " + pattern.length + " bytes to a length of " + length);
        }
        return new SendData(pattern.clone(), length);
    }

    /** How many bytes the application writes. */
    public long length() {
        return length;
    }

    /** Bytes {@code [from, from + n)} of the written stream, as a write of their own. */
    SendData part(long from, long n) {
        if (n == 0) {
            return new SendData(pattern, 0);
        }
        int p = (int) (from % pattern.length);
        byte[] rotated = new byte[pattern.length];
        System.arraycopy(pattern, p, rotated, 0, pattern.length - p);
        System.arraycopy(pattern, 0, rotated, pattern.length - p, p);
        return new SendData(rotated, n);
    }

    /** Copies bytes {@code [from, from + n)} of the written stream into {@code dst} at {@code at}. */
    void copy(long from, byte[] dst, int at, int n) {
        // repeated holds whole copies of the pattern, so its offset p is byte p of the pattern too.
        int p = (int) (from % pattern.length);
        while (n > 0) {
            int run = Math.min(n, repeated.length - p);
            System.arraycopy(repeated, p, dst, at, run);
            at += run;
            n -= run;
            p = 0;
        }
    }
}
