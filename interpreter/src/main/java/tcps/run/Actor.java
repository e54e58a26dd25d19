package tcps.run;

import java.util.List;
import java.util.Optional;
import tcps.check.EndpointPlan;
import tcps.sim.ScriptedEndpoint;
import tcps.tcp.Connection;
import tcps.tcp.Listener;
import tcps.tcp.SeqNum;
import tcps.tcp.SocketConfig;
import tcps.tcp.SocketOptions;
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
        /** The socket as the plan made it, before any setsockopt. */
        private final SocketConfig config;
        /** Options set with setsockopt before listen or connect; later ones go to the connection. */
        SocketOptions options = SocketOptions.NONE;
        /** bind was called: the application decides when it listens. */
        boolean bound;
        /** The script calls accept: connections wait in the listener's queue until it does. */
        final boolean accepts;
        Listener listener;
        Connection connected;
        /** What the application has read from each connection and not yet shown to an `expect ... read`. */
        private final java.util.Map<Connection, Reads> reads = new java.util.IdentityHashMap<>();
        /** The error the last socket call returned, like errno; null when none did. */
        TcpError lastError;

        Stack(EndpointPlan plan, TcpAddress address, TcpHost host, SocketConfig config) {
            this.plan = plan;
            this.address = address;
            this.host = host;
            this.config = config;
            this.accepts = plan.accepts();
        }

        /** The socket listen and connect use: the plan's, shaped by the options set so far. */
        SocketConfig config() {
            return new SocketConfig(options.applyTo(config.profile()), config.fixedIsn(), config.tsOffset(), options);
        }

        /** The fixed ISN the plan gives, or null. */
        SeqNum fixedIsn() {
            return config.fixedIsn();
        }

        /** About how many bytes of memory the bytes kept for `expect read` hold. */
        long keptBytes() {
            long n = 0;
            for (Reads r : reads.values()) {
                n += 64 + r.keptBytes();
            }
            return n;
        }

        /** What the application has read from {@code c} and not yet shown to an expectation. */
        Reads reads(Connection c) {
            return reads.computeIfAbsent(c, k -> new Reads());
        }

        @Override
        public EndpointPlan plan() {
            return plan;
        }

        @Override
        public TcpAddress address() {
            return address;
        }

        /**
         * The connection socket calls act on: the one it opened or accepted; without accept in
         * the script, the newest one its listener made (the application takes each at once).
         */
        Optional<Connection> connection() {
            if (connected != null || accepts) {
                return Optional.ofNullable(connected);
            }
            return newest();
        }

        private Optional<Connection> newest() {
            if (listener != null && !listener.connections().isEmpty()) {
                List<Connection> all = listener.connections();
                return Optional.of(all.get(all.size() - 1));
            }
            return Optional.empty();
        }

        /** As {@code ss} would show this endpoint: its connection's state, else LISTEN, else CLOSED. */
        TcpState state() {
            Optional<Connection> c = connected != null ? Optional.of(connected) : newest();
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

    /**
     * Bytes an application read from one connection since an {@code expect ... read} last looked:
     * how many, and the first {@link #KEPT} of them (enough to compare a payload; a bulk transfer
     * keeps only the count).
     */
    final class Reads {
        static final int KEPT = 1 << 20;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private long count;

        void add(byte[] text) {
            count += text.length;
            int room = KEPT - bytes.size();
            bytes.write(text, 0, Math.min(room, text.length));
        }

        long count() {
            return count;
        }

        long keptBytes() {
            return bytes.size();
        }

        /** The bytes kept, and whether they are all of them. */
        byte[] bytes() {
            return bytes.toByteArray();
        }

        boolean complete() {
            return count == bytes.size();
        }

        void clear() {
            count = 0;
            bytes.reset();
        }
    }
}
