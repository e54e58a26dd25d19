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
    /** Connections that reached ESTABLISHED and wait for accept(), oldest first. */
    private final java.util.ArrayDeque<Connection> acceptQueue = new java.util.ArrayDeque<>();
    /** listen(2)'s backlog; negative: the application accepts each connection at once. */
    private int backlog = -1;
    private TcpState state = TcpState.LISTEN;

    ListenSocket(TcpHost host, TcpAddress local, SocketConfig config) {
        this.host = host;
        this.local = local;
        this.config = config;
    }

    void spawned(Tcb tcb) {
        connections.add(tcb);
    }

    /** A connection this listener made left SYN-RECEIVED for ESTABLISHED: it waits to be accepted. */
    void established(Tcb tcb) {
        if (backlog >= 0) {
            acceptQueue.addLast(tcb);
        }
    }

    /**
     * Linux sk_acceptq_is_full: more connections wait than the backlog allows. A SYN is then
     * dropped (tcp_conn_request), and so is the ACK that would complete a handshake
     * (tcp_v4_syn_recv_sock), whose SYN-ACK the timer sends again.
     */
    boolean acceptQueueFull() {
        return backlog >= 0 && acceptQueue.size() > backlog;
    }

    int backlog() {
        return backlog;
    }

    @Override
    public void queueForAccept(int backlog) {
        this.backlog = backlog;
    }

    @Override
    public java.util.Optional<Connection> accept() {
        return java.util.Optional.ofNullable(acceptQueue.pollFirst());
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
