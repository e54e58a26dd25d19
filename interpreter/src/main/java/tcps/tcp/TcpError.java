package tcps.tcp;

/** Errors a TCP user (the application) sees, named as POSIX names them. */
public enum TcpError {
    /** RST in SYN-SENT (RFC 9293 3.10.7.3): "connection reset" before it was established. */
    ECONNREFUSED("connection refused"),
    /** RST in a synchronized state (RFC 9293 3.10.7.4, second check). */
    ECONNRESET("connection reset by peer"),
    /** Retransmissions gave up (RFC 9293 3.8.3, R2). */
    ETIMEDOUT("connection timed out"),
    /** SEND after the connection was reset or after our own CLOSE. */
    EPIPE("broken pipe"),
    /**
     * connect() to a 4-tuple still held by an earlier connection that may not be taken over
     * (Linux: TIME-WAIT without timestamps; captures/time-wait-reuse-nots).
     */
    EADDRNOTAVAIL("cannot assign requested address"),
    /** A call that needs a connection, made without one. */
    ENOTCONN("not connected"),
    /** CLOSE or SEND after the user already closed (RFC 9293 3.10.4: "connection closing"). */
    ECONNCLOSING("connection closing");

    private final String text;

    TcpError(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
