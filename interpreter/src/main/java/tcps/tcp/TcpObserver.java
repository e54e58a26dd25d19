package tcps.tcp;

/** What the model tells the world about itself; reports and tests listen. All methods optional. */
public interface TcpObserver {
    TcpObserver NONE = new TcpObserver() {};

    default void stateChanged(Connection connection, TcpState from, TcpState to, long now) {}

    /** {@code connection} is null when no connection owned the segment (closed port). */
    default void discarded(Connection connection, Segment segment, Discard why, long now) {}

    /**
     * In-order text reached the application at {@code now} (whether it reads it at once or it
     * waits unread). The model keeps no record of delivered bytes: a listener that wants them
     * copies them here, and must not change {@code text}.
     */
    default void delivered(Connection connection, byte[] text, long now) {}

    default void error(Connection connection, TcpError error, long now) {}

    /** A timer of the connection was armed, fired or cancelled, and why. */
    default void timer(Connection connection, TimerEvent event, long now) {}
}
