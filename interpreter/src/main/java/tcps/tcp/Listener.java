package tcps.tcp;

import java.util.List;

/** A socket in LISTEN (passive OPEN). Each SYN it accepts becomes a new {@link Connection}. */
public interface Listener {
    TcpAddress local();

    SocketConfig config();

    /** LISTEN while open, CLOSED after {@link #close}. */
    TcpState state();

    /** Connections created from SYNs this listener received, oldest first. */
    List<Connection> connections();

    /**
     * From now on established connections wait in an accept queue until {@link #accept} takes
     * them, at most {@code backlog} of them plus one (Linux); until this is called the
     * application takes each at once and no queue limits new connections.
     */
    void queueForAccept(int backlog);

    /** accept(2): the oldest established connection not accepted yet, if any. */
    java.util.Optional<Connection> accept();

    /** CLOSE in LISTEN (RFC 9293 3.10.4): no further SYNs are accepted. */
    void close();
}
