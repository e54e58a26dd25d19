package tcps.report;

/**
 * The tcpdump command-line switches the transcript can imitate.
 *
 * @param absolute {@code -S}: print sequence numbers as on the wire, never relative
 * @param numeric {@code -n}: print every address as digits; without it 127.0.0.1 prints as
 *     {@code localhost} (tcps resolves no other name, and always prints ports as numbers)
 * @param timestamps the line's time prefix
 * @param verbose {@code -v}: the IPv4 header block and a checked TCP checksum, on two lines
 */
public record TcpdumpOptions(boolean absolute, boolean numeric, TimestampMode timestamps, boolean verbose) {
    /** {@code tcpdump -n}: the mode tcps compares against by default. */
    public static final TcpdumpOptions NUMERIC = new TcpdumpOptions(false, true, TimestampMode.DEFAULT, false);

    public TcpdumpOptions {
        if (timestamps == null) {
            throw new IllegalArgumentException("timestamps mode is required");
        }
    }

    public TcpdumpOptions withAbsolute(boolean on) {
        return new TcpdumpOptions(on, numeric, timestamps, verbose);
    }

    public TcpdumpOptions withNumeric(boolean on) {
        return new TcpdumpOptions(absolute, on, timestamps, verbose);
    }

    public TcpdumpOptions withTimestamps(TimestampMode mode) {
        return new TcpdumpOptions(absolute, numeric, mode, verbose);
    }

    public TcpdumpOptions withVerbose(boolean on) {
        return new TcpdumpOptions(absolute, numeric, timestamps, on);
    }
}
