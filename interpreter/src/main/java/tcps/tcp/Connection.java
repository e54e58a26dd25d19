package tcps.tcp;

import java.util.Optional;

/**
 * One connection's TCB (RFC 9293 section 3.3.1) and the user calls on it (section 3.10).
 * Calls take effect at {@code now}; any segments they produce are queued on the host
 * ({@link TcpHost#takeOutgoing}).
 */
public interface Connection {
    TcpAddress local();

    TcpAddress remote();

    SocketConfig config();

    TcpState state();

    /** ISS: our initial send sequence number. */
    SeqNum iss();

    /** IRS: the peer's initial sequence number, empty until its SYN arrived. */
    Optional<SeqNum> irs();

    SeqNum sndUna();

    SeqNum sndNxt();

    SeqNum rcvNxt();

    /** SND.WND in bytes (already scaled). */
    long sndWnd();

    /** RCV.WND in bytes. */
    long rcvWnd();

    /** RTO (RFC 6298): what the retransmission timer would be started with now, µs, back-off included. */
    long rto();

    /** cwnd (RFC 5681) in bytes, or {@link Long#MAX_VALUE} when the profile has no congestion control. */
    long cwnd();

    /** ssthresh (RFC 5681) in bytes, {@link Long#MAX_VALUE} until a loss sets it or without congestion control. */
    long ssthresh();

    /** The RTT estimate behind the RTO (RFC 6298), as it stands. */
    RttEstimate rttEstimate();

    /** How many segments this connection sent again: on a timeout, as a loss probe, or found lost. */
    int retransmissions();

    /** The error the application has seen, if the connection failed. */
    Optional<TcpError> error();

    /**
     * The failure (reset, timeout) that no call has reported yet. The next SEND returns it, or a
     * RECEIVE that finds nothing to read consumes it (as a read returning the error); from then on
     * SEND fails with EPIPE, as Linux does (sk_err).
     */
    Optional<TcpError> pendingError();

    /** SEND (3.10.2): queue data and send what the window allows. */
    Optional<TcpError> send(SendData data, long now);

    /** SEND of exactly these bytes. */
    default Optional<TcpError> send(byte[] data, long now) {
        return send(SendData.of(data), now);
    }

    /** RECEIVE (3.10.3): take up to {@code max} bytes the application has not read yet. */
    byte[] receive(int max);

    /**
     * RECEIVE at {@code now}: like {@link #receive(int)}, and a window update goes out at
     * {@code now} when reading frees enough space (receive(int) uses the host's latest time).
     */
    byte[] receive(int max, long now);

    /** The peer's FIN has arrived: once the unread bytes are read, the application sees EOF. */
    boolean finReceived();

    /** Bytes received in order and not yet read by the application. */
    int unread();

    /**
     * Whether the application reads everything as soon as it arrives (like {@code nc}); true by
     * default. When false, unread data shrinks the advertised window.
     */
    void setAutoRead(boolean autoRead);

    /** CLOSE (3.10.4): the application is done sending; FIN when queued data is out. */
    Optional<TcpError> close(long now);

    /** read(2): waiting bytes, end of file, the pending error, or nothing yet. */
    ReadResult read(int max, long now);

    /** shutdown(SHUT_RD): reads stop waiting; nothing is sent. */
    Optional<TcpError> shutdownRead(long now);

    /** shutdown(SHUT_WR): like CLOSE for sending, but the application keeps reading. */
    Optional<TcpError> shutdown(long now);

    /** ABORT (3.10.5): RST to the peer, connection gone. */
    Optional<TcpError> abort(long now);

    /** The socket options in force on this connection. */
    SocketOptions options();

    /**
     * setsockopt(2) on the connection: TCP_NODELAY, SO_LINGER, TCP_USER_TIMEOUT and SO_SNDBUF
     * take effect from {@code now}; SO_RCVBUF and TCP_MAXSEG shaped the SYN and stay as they were.
     */
    void setOptions(SocketOptions options, long now);
}
