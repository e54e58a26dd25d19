package tcps.tcp;

/** What one read(2) on a connection returns. */
public sealed interface ReadResult {
    /** Bytes that were waiting (at least one). */
    record Data(byte[] bytes) implements ReadResult {}

    /** 0: end of file (the peer's FIN arrived, or reading was shut down, or the connection is gone). */
    record EndOfFile() implements ReadResult {}

    /** The connection's pending error (a reset, a timeout), reported once. */
    record Failed(TcpError error) implements ReadResult {}

    /** Nothing to return yet: a blocking read would wait. */
    record WouldBlock() implements ReadResult {}
}
