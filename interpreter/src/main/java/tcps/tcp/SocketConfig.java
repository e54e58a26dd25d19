package tcps.tcp;

import static tcps.tcp.Parameters.TIMESTAMP_HZ;

/**
 * Per-socket settings a scenario chooses.
 *
 * @param profile   the stack behaviour of this socket (with the options that shape the SYN
 *                  already applied, {@link SocketOptions#applyTo})
 * @param fixedIsn  the ISN to use (a script's {@code client isn N}), or null to ask the host's
 *                  {@link IsnGenerator}
 * @param tsOffset  the value of this socket's RFC 7323 timestamp clock at virtual time zero; the
 *                  clock then advances at {@code profile.get(TIMESTAMP_HZ)}: TSval at time t (µs) is
 *                  {@code tsOffset + t * hz / 1_000_000} modulo 2^32
 * @param options   the socket options set before listen or connect; a connection starts with
 *                  these (an accepted one with its listener's)
 */
public record SocketConfig(Profile profile, SeqNum fixedIsn, long tsOffset, SocketOptions options) {
    public SocketConfig(Profile profile, SeqNum fixedIsn, long tsOffset) {
        this(profile, fixedIsn, tsOffset, SocketOptions.NONE);
    }

    public long tsVal(long now) {
        return (tsOffset + now * profile.get(TIMESTAMP_HZ) / 1_000_000L) & 0xffffffffL;
    }
}
