package tcps.tcp;

/**
 * The socket options (setsockopt(2)) the model honours, as an application sets them on one
 * socket. A connection inherits its listener's options, as an accepted socket does on Linux.
 *
 * <p>SO_RCVBUF and TCP_MAXSEG shape the SYN (the window, the window scale and the MSS it offers),
 * so they act through the socket's profile ({@link #applyTo}) and must be set before listen or
 * connect. TCP_NODELAY, SO_LINGER, TCP_USER_TIMEOUT and SO_SNDBUF act on a connection at any
 * time ({@link Connection#setOptions}).
 *
 * @param rcvBuf      SO_RCVBUF in bytes, 0 when not set. Linux doubles it for bookkeeping and
 *                    offers half of that, so the receive space is the value asked for
 *                    (captures/zero-window: 4096 gives win 4096; small-buffer-reopen: 1024 gives
 *                    1152, the kernel's minimum buffer of 2304 halved)
 * @param sndBuf      SO_SNDBUF in bytes, 0 when not set: at most this many bytes written and not
 *                    yet acknowledged; a write waits for room (as a blocking send(2) does)
 * @param maxSeg      TCP_MAXSEG in bytes, 0 when not set: the MSS the SYN offers and the largest
 *                    segment sent (less options), as captures/maxseg shows
 * @param noDelay     TCP_NODELAY: Nagle's algorithm off for this socket
 * @param linger      SO_LINGER in microseconds, {@link #LINGER_OFF} when off; 0 makes close()
 *                    send RST instead of FIN (captures/abort)
 * @param userTimeout TCP_USER_TIMEOUT in microseconds, 0 when not set: how long transmitted data
 *                    may stay unacknowledged, or a zero window unopened, before the connection
 *                    gives up with ETIMEDOUT (RFC 5482; captures/user-timeout)
 */
public record SocketOptions(int rcvBuf, int sndBuf, int maxSeg, boolean noDelay, long linger, long userTimeout) {
    public static final long LINGER_OFF = -1;
    public static final SocketOptions NONE = new SocketOptions(0, 0, 0, false, LINGER_OFF, 0);
    /** Linux SOCK_MIN_RCVBUF, halved: the least receive space SO_RCVBUF gives. */
    private static final int MIN_RCV_SPACE = 2304 / 2;

    public SocketOptions withRcvBuf(int bytes) {
        return new SocketOptions(bytes, sndBuf, maxSeg, noDelay, linger, userTimeout);
    }

    public SocketOptions withSndBuf(int bytes) {
        return new SocketOptions(rcvBuf, bytes, maxSeg, noDelay, linger, userTimeout);
    }

    public SocketOptions withMaxSeg(int bytes) {
        return new SocketOptions(rcvBuf, sndBuf, bytes, noDelay, linger, userTimeout);
    }

    public SocketOptions withNoDelay(boolean on) {
        return new SocketOptions(rcvBuf, sndBuf, maxSeg, on, linger, userTimeout);
    }

    public SocketOptions withLinger(long micros) {
        return new SocketOptions(rcvBuf, sndBuf, maxSeg, noDelay, micros, userTimeout);
    }

    public SocketOptions withUserTimeout(long micros) {
        return new SocketOptions(rcvBuf, sndBuf, maxSeg, noDelay, linger, micros);
    }

    /**
     * The profile a socket with these options behaves by: SO_RCVBUF sets the receive space and
     * the smallest window scale that can offer it (Linux tcp_select_initial_window, whose window
     * clamp is the locked buffer), TCP_MAXSEG lowers the MSS offered and used.
     */
    public Profile applyTo(Profile profile) {
        Profile p = profile;
        if (rcvBuf > 0) {
            int space = Math.max(rcvBuf, MIN_RCV_SPACE);
            p = p.with("rcv_space", (long) space);
            if (p.offersWindowScale()) {
                int shift = 0;
                while (shift < SynOptions.MAX_SHIFT && (space >> shift) > 0xffff) {
                    shift++;
                }
                p = p.with("window_scale", (long) shift);
            }
        }
        if (maxSeg > 0 && maxSeg < p.get(Parameters.MSS)) {
            p = p.with("mss", (long) maxSeg);
        }
        return p;
    }
}
