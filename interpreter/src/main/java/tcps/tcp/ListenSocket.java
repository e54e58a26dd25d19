package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A socket in LISTEN after a passive OPEN (RFC 9293 3.10.1). It stays in LISTEN: each
 * acceptable SYN makes a new TCB (as the listening sockets of real stacks do), which
 * {@link #connections()} lists in the order the SYNs came.
 */
final class ListenSocket implements Listener {
    private final TcpHost host;
    private final TcpAddress local;
    private final SocketConfig config;
    private final List<Connection> connections = new ArrayList<>();
    private TcpState state = TcpState.LISTEN;

    ListenSocket(TcpHost host, TcpAddress local, SocketConfig config) {
        this.host = host;
        this.local = local;
        this.config = config;
    }

    void spawned(Tcb tcb) {
        connections.add(tcb);
    }

    @Override
    public TcpAddress local() {
        return local;
    }

    @Override
    public SocketConfig config() {
        return config;
    }

    @Override
    public TcpState state() {
        return state;
    }

    @Override
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /**
     * CLOSE in LISTEN: "Any outstanding RECEIVEs are returned with 'error: closing' responses.
     * Delete TCB, enter CLOSED state". Connections it already made carry on.
     */
    @Override
    public void close() {
        if (state == TcpState.LISTEN) {
            state = TcpState.CLOSED;
            host.stopListening(this);
        }
    }

    @Override
    public String toString() {
        return local + " " + state;
    }
}
