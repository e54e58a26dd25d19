package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seed 000: {@code echo foobar | nc localhost 1234} against {@code nc -l 1234} on Linux
 * loopback. Both sockets live on one host, 127.0.0.1; segments reach it again after 10 µs.
 * The eight segments must match the capture's first listing field by field.
 */
class Seed000Test {
    /** The first listing of seed 000, verbatim (tcpdump numbers relative after the SYNs). */
    private static final String CAPTURE = """
            1. 22:57:07.921614 IP localhost.47162 > localhost.1234: Flags [S], seq 934227076, win 65495, options [mss 65495,sackOK,TS val 2756153644 ecr 0,nop,wscale 7], length 0
            2. 22:57:07.921626 IP localhost.1234 > localhost.47162: Flags [S.], seq 2435073417, ack 934227077, win 65483, options [mss 65495,sackOK,TS val 2756153644 ecr 2756153644,nop,wscale 7], length 0
            3. 22:57:07.921636 IP localhost.47162 > localhost.1234: Flags [.], ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0
            4. 22:57:07.921688 IP localhost.47162 > localhost.1234: Flags [P.], seq 1:8, ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 7
            5. 22:57:07.921692 IP localhost.1234 > localhost.47162: Flags [.], ack 8, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0
            6. 22:57:07.921700 IP localhost.47162 > localhost.1234: Flags [F.], seq 8, ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0
            7. 22:57:07.921758 IP localhost.1234 > localhost.47162: Flags [F.], seq 1, ack 9, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0
            8. 22:57:07.921781 IP localhost.47162 > localhost.1234: Flags [.], ack 2, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0
            """;

    private static final long DELAY = 10;
    private static final long TS_OFFSET = 2756153644L;
    private static final TcpAddress CLIENT = new TcpAddress(Ipv4.LOOPBACK, 47162);
    private static final TcpAddress SERVER = new TcpAddress(Ipv4.LOOPBACK, 1234);

    @Test
    void echoFoobarToNcReproducesTheCapture() {
        RecordingObserver events = new RecordingObserver();
        TcpHost host = new TcpHost(Ipv4.LOOPBACK, Stacks.LINUX,
                (l, r, t) -> { throw new AssertionError("both ISNs are fixed"); }, events);
        Loopback net = new Loopback(host, DELAY);

        Listener listener = host.listen(1234,
                new SocketConfig(Stacks.LINUX, SeqNum.of(2435073417L), TS_OFFSET));
        Connection client = host.connect(47162, SERVER,
                new SocketConfig(Stacks.LINUX, SeqNum.of(934227076L), TS_OFFSET), 0);
        net.collect();

        boolean wrote = false;
        boolean clientClosed = false;
        boolean serverClosed = false;
        long timeWaitFrom = -1;
        while (net.step()) {
            // The applications: nc writes once connected, closes when its data is acknowledged;
            // nc -l closes when it reads end of file.
            if (!wrote && client.state() == TcpState.ESTABLISHED) {
                client.send("foobar\n".getBytes(StandardCharsets.US_ASCII), net.now);
                wrote = true;
            }
            if (wrote && !clientClosed && client.sndUna().equals(client.sndNxt())) {
                client.close(net.now);
                clientClosed = true;
            }
            if (!serverClosed && !listener.connections().isEmpty()
                    && listener.connections().get(0).finReceived()) {
                listener.connections().get(0).close(net.now);
                serverClosed = true;
            }
            if (timeWaitFrom < 0 && client.state() == TcpState.TIME_WAIT) {
                timeWaitFrom = net.now;
            }
            net.collect();
        }

        List<Segment> expected = parse(CAPTURE);
        List<Segment> actual = net.sent;
        SegmentAssert.assertSegments(actual, expected.toArray(Segment[]::new));

        Connection server = listener.connections().get(0);
        assertEquals(TcpState.CLOSED, server.state());
        assertEquals(List.of("LISTEN -> SYN-RECEIVED", "SYN-RECEIVED -> ESTABLISHED",
                "ESTABLISHED -> CLOSE-WAIT", "CLOSE-WAIT -> LAST-ACK", "LAST-ACK -> CLOSED"),
                events.transitionsOf(server));
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> ESTABLISHED",
                "ESTABLISHED -> FIN-WAIT-1", "FIN-WAIT-1 -> FIN-WAIT-2", "FIN-WAIT-2 -> TIME-WAIT",
                "TIME-WAIT -> CLOSED"), events.transitionsOf(client));
        assertEquals(60, timeWaitFrom, "the client enters TIME-WAIT when segment 7 arrives");
        RecordingObserver.StateChange last = events.stateChanges.get(events.stateChanges.size() - 1);
        assertEquals(client, last.connection());
        assertEquals(TcpState.CLOSED, client.state());
        assertEquals(timeWaitFrom + 60_000_000L, last.now(), "TIME-WAIT lasts 60 s on Linux");
        assertEquals("foobar\n", new String(events.received(server), StandardCharsets.US_ASCII));
        assertTrue(events.discards.isEmpty(), "nothing is discarded: " + events.discards);
        assertTrue(host.connections().isEmpty());
    }

    // ---- the capture, read back into segments

    private static final Pattern LINE = Pattern.compile(
            "\\d+\\. \\S+ IP localhost\\.(\\d+) > localhost\\.(\\d+): Flags \\[([^]]*)], "
                    + "(?:seq (\\d+)(?::\\d+)?, )?(?:ack (\\d+), )?win (\\d+), options \\[([^]]*)], length (\\d+)");

    private static List<Segment> parse(String capture) {
        Map<Integer, Long> isn = new HashMap<>();
        Map<Integer, Long> next = new HashMap<>();
        List<Segment> out = new ArrayList<>();
        for (String line : capture.strip().split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a capture line: " + line);
            }
            int src = Integer.parseInt(m.group(1));
            int dst = Integer.parseInt(m.group(2));
            int flags = 0;
            for (char c : m.group(3).toCharArray()) {
                flags |= TcpFlags.bitOfLetter(c);
            }
            boolean syn = (flags & TcpFlags.SYN) != 0;
            long seq;
            if (syn) {
                seq = Long.parseLong(m.group(4));
                isn.put(src, seq);
            } else {
                // tcpdump leaves the seq out of bare ACKs: it is the sender's next number.
                long rel = m.group(4) != null ? Long.parseLong(m.group(4)) : next.get(src);
                seq = isn.get(src) + rel;
            }
            long ack = 0;
            if (m.group(5) != null) {
                ack = syn ? Long.parseLong(m.group(5)) : isn.get(dst) + Long.parseLong(m.group(5));
            }
            int length = Integer.parseInt(m.group(8));
            long end = seq + length + (syn ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
            next.put(src, end - isn.get(src));
            byte[] payload = length == 7 ? "foobar\n".getBytes(StandardCharsets.US_ASCII) : new byte[length];
            out.add(new Segment(new TcpAddress(Ipv4.LOOPBACK, src), new TcpAddress(Ipv4.LOOPBACK, dst),
                    SeqNum.of(seq), SeqNum.of(ack), flags, Integer.parseInt(m.group(6)), 0,
                    TcpdumpText.options(m.group(7)), payload));
        }
        return out;
    }
}
