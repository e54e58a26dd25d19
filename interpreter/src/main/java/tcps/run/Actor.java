package tcps.run;

import java.util.List;
import java.util.Optional;
import tcps.check.EndpointPlan;
import tcps.sim.ScriptedEndpoint;
import tcps.tcp.Connection;
import tcps.tcp.Listener;
import tcps.tcp.SeqNum;
import tcps.tcp.SocketConfig;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpError;
import tcps.tcp.TcpHost;
import tcps.tcp.TcpState;

/** An endpoint at run time: a socket on a simulated TCP host, or a scripted puppet. */
sealed interface Actor {
    EndpointPlan plan();

    TcpAddress address();

    /** The ISN of this endpoint's sequence space on its connection with {@code peer}, if chosen. */
    Optional<SeqNum> isnWith(TcpAddress peer);

    /** A socket driven by the reference TCP model. */
    final class Stack implements Actor {
        private final EndpointPlan plan;
        private final TcpAddress address;
        final TcpHost host;
        final SocketConfig config;
        Listener listener;
        Connection connected;
        /** The error the last socket call returned, like errno; null when none did. */
        TcpError lastError;

        Stack(EndpointPlan plan, TcpAddress address, TcpHost host, SocketConfig config) {
            this.plan = plan;
            this.address = address;
            this.host = host;
            this.config = config;
        }

        @Override
        public EndpointPlan plan() {
            return plan;
        }

        @Override
        public TcpAddress address() {
            return address;
        }

        /** The connection socket calls act on: the one it opened, else the newest one it accepted. */
        Optional<Connection> connection() {
            if (connected != null) {
                return Optional.of(connected);
            }
            if (listener != null && !listener.connections().isEmpty()) {
                List<Connection> all = listener.connections();
                return Optional.of(all.get(all.size() - 1));
            }
            return Optional.empty();
        }

        /** As {@code ss} would show this endpoint: its connection's state, else LISTEN, else CLOSED. */
        TcpState state() {
            Optional<Connection> c = connection();
            if (c.isPresent()) {
                return c.get().state();
            }
            return listener != null ? listener.state() : TcpState.CLOSED;
        }

        /** Errors the application has seen: its connection's failure, then the last call's error. */
        List<TcpError> errors() {
            List<TcpError> out = new java.util.ArrayList<>();
            connection().flatMap(Connection::error).ifPresent(out::add);
            if (lastError != null && !out.contains(lastError)) {
                out.add(lastError);
            }
            return out;
        }

        @Override
        public Optional<SeqNum> isnWith(TcpAddress peer) {
            if (config.fixedIsn() != null) {
                return Optional.of(config.fixedIsn());
            }
            Optional<SeqNum> found = Optional.empty();
            if (connected != null && connected.remote().equals(peer)) {
                found = Optional.of(connected.iss());
            }
            if (listener != null) {
                for (Connection c : listener.connections()) {
                    if (c.remote().equals(peer)) {
                        found = Optional.of(c.iss());
                    }
                }
            }
            return found;
        }
    }

    /** A puppet whose segments the script writes. */
    final class Scripted implements Actor {
        private final EndpointPlan plan;
        final ScriptedEndpoint puppet;

        Scripted(EndpointPlan plan, ScriptedEndpoint puppet) {
            this.plan = plan;
            this.puppet = puppet;
        }

        @Override
        public EndpointPlan plan() {
            return plan;
        }

        @Override
        public TcpAddress address() {
            return puppet.address();
        }

        @Override
        public Optional<SeqNum> isnWith(TcpAddress peer) {
            return Optional.of(puppet.isn());
        }
    }
}
