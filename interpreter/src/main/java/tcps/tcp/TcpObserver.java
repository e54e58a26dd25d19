package tcps.tcp;

/** What the model tells the world about itself; reports and tests listen. All methods optional. */
public interface TcpObserver {
    TcpObserver NONE = new TcpObserver() {};

    default void stateChanged(Connection connection, TcpState from, TcpState to, long now) {}

    /** {@code connection} is null when no connection owned the segment (closed port). */
    default void discarded(Connection connection, Segment segment, Discard why, long now) {}

    default void error(Connection connection, TcpError error, long now) {}
}
