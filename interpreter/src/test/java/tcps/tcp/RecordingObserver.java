package tcps.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Remembers everything the model reports, for tests to assert on. */
final class RecordingObserver implements TcpObserver {
    record StateChange(Connection connection, TcpState from, TcpState to, long now) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    record Discarded(Connection connection, Segment segment, Discard why, long now) {}

    record Failure(Connection connection, TcpError error, long now) {}

    final List<StateChange> stateChanges = new ArrayList<>();
    final List<Discarded> discards = new ArrayList<>();
    final List<Failure> errors = new ArrayList<>();
    final List<TimerEvent> timers = new ArrayList<>();
    private final Map<Connection, ByteArrayOutputStream> delivered = new IdentityHashMap<>();

    @Override
    public void stateChanged(Connection connection, TcpState from, TcpState to, long now) {
        stateChanges.add(new StateChange(connection, from, to, now));
    }

    @Override
    public void discarded(Connection connection, Segment segment, Discard why, long now) {
        discards.add(new Discarded(connection, segment, why, now));
    }

    @Override
    public void delivered(Connection connection, byte[] text, long now) {
        delivered.computeIfAbsent(connection, c -> new ByteArrayOutputStream()).writeBytes(text);
    }

    /** Every byte delivered in order to the application of {@code c} so far, read or not. */
    byte[] received(Connection c) {
        ByteArrayOutputStream bytes = delivered.get(c);
        return bytes == null ? new byte[0] : bytes.toByteArray();
    }

    @Override
    public void error(Connection connection, TcpError error, long now) {
        errors.add(new Failure(connection, error, now));
    }

    @Override
    public void timer(Connection connection, TimerEvent event, long now) {
        timers.add(event);
    }

    /** "FROM -> TO" for every change of {@code c}, in order. */
    List<String> transitionsOf(Connection c) {
        return stateChanges.stream().filter(s -> s.connection() == c).map(StateChange::toString).toList();
    }

    void clear() {
        stateChanges.clear();
        discards.clear();
        errors.clear();
        timers.clear();
    }
}
