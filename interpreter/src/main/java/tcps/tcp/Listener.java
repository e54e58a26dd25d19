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

    /** CLOSE in LISTEN (RFC 9293 3.10.4): no further SYNs are accepted. */
    void close();
}
