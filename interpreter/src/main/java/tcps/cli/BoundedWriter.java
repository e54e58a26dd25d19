package tcps.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * Passes text through until {@code limit} bytes (UTF-8) have gone by, then drops the rest and
 * remembers that it did: a run cannot print without bound. {@link #lift} lets the closing lines
 * through again.
 */
final class BoundedWriter extends Writer {
    private final Writer out;
    private long left;
    private boolean cut;
    private boolean lifted;

    BoundedWriter(Writer out, long limit) {
        this.out = out;
        this.left = limit;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (lifted) {
            out.write(chars, off, len);
            return;
        }
        if (cut) {
            return;
        }
        int n = 0;
        while (n < len) {
            char c = chars[off + n];
            int bytes = c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bytes > left) {
                cut = true;
                break;
            }
            left -= bytes;
            n++;
        }
        out.write(chars, off, n);
    }

    /** True once something was dropped. */
    boolean cut() {
        return cut;
    }

    /** From now on everything passes (for the lines that close a run). */
    void lift() {
        lifted = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
