package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Nagle and forced-PSH captures of Linux 6.18 (resources/captures: small-writes,
 * small-writes-nodelay, nagle-delayed-ack, forced-push) replayed on one loopback host with the
 * linux profile: client and server on 127.0.0.1, the application's calls at the capture's
 * instants. On the real loopback a segment is delivered, and its ACK processed, before the
 * sender's next call returns; a one-way delay of 2 µs, shorter than the 9 µs between two of the
 * captures' writes, does the same here.
 */
class NagleCapturesTest {
    private static final long DELAY = 2;
    private static final TcpAddress SERVER = new TcpAddress(Ipv4.LOOPBACK, 5301);
    private static final byte[] TEN = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final class Run {
        final TcpHost host;
        final Loopback net;
        final Listener listener;
        final Connection client;

        Run(Profile client, Profile server, SocketOptions clientOptions, SocketOptions serverOptions) {
            host = new TcpHost(Ipv4.LOOPBACK, client, (l, r, t) -> SeqNum.of(l.port() == SERVER.port() ? 1_000_000 : 5_000),
                    new RecordingObserver());
            net = new Loopback(host, DELAY);
            listener = host.listen(SERVER.port(), new SocketConfig(serverOptions.applyTo(server), null, 0, serverOptions));
            this.client = host.connect(41301, SERVER,
                    new SocketConfig(clientOptions.applyTo(client), null, 0, clientOptions), 0);
            net.collect();
            net.runUntil(100_000, () -> { });
        }

        Connection server() {
            return listener.connections().get(0);
        }

        /** The client's data segments, not their retransmissions: lengths, "P" before those with PSH. */
        List<String> data() {
            List<String> out = new ArrayList<>();
            SeqNum next = client.iss().plus(1);
            for (Segment s : net.sent) {
                if (s.src().port() != SERVER.port() && s.length() > 0 && s.seq().ge(next)) {
                    next = s.seqEnd();
                    out.add((s.has(TcpFlags.PSH) ? "P" : "") + s.length());
                }
            }
            return out;
        }

        /** When the client sent its data segment that ends {@code end} bytes into the stream. */
        long sentAt(int end) {
            for (int i = 0; i < net.sent.size(); i++) {
                Segment s = net.sent.get(i);
                if (s.src().port() != SERVER.port() && s.length() > 0
                        && s.seqEnd().distanceFrom(client.iss().plus(1)) == end) {
                    return net.sentAt.get(i);
                }
            }
            throw new AssertionError("no segment ends at " + end);
        }

        /** When the server first acknowledged {@code end} bytes. */
        long ackedAt(int end) {
            for (int i = 0; i < net.sent.size(); i++) {
                Segment s = net.sent.get(i);
                if (s.src().port() == SERVER.port() && s.has(TcpFlags.ACK)
                        && s.ack().distanceFrom(client.iss().plus(1)) >= end) {
                    return net.sentAt.get(i);
                }
            }
            throw new AssertionError("nothing acknowledges " + end);
        }

        void writeAt(long at, byte[] data) {
            net.runUntil(at, () -> { });
            client.send(data, net.now);
            net.collect();
        }
    }

    private static List<String> times(int n, String what) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(what);
        }
        return out;
    }

    /** The first 17 writes of small-writes.txt, in µs after the first (the segments' instants). */
    private static final long[] SMALL_WRITES_AT = {0, 56, 69, 79, 88, 98, 107, 121, 130, 140, 149, 159, 168, 177, 187,
            195, 205};

    private static Run smallWrites(SocketOptions clientOptions) {
        Run run = new Run(Stacks.LINUX, Stacks.LINUX, clientOptions, SocketOptions.NONE);
        run.server().setAutoRead(false); // the server process ran only 1.3 ms later
        long start = 200_000;
        for (long at : SMALL_WRITES_AT) {
            run.writeAt(start + at, TEN);
        }
        for (int i = 1; i <= 13; i++) {
            run.writeAt(start + 205 + 9L * i, TEN); // the loop's pace, 9 µs a write
        }
        run.net.runUntil(start + 1_312, () -> { });
        run.server().setAutoRead(true);
        run.net.runUntil(1_000_000, () -> { });
        return run;
    }

    @Test
    void smallWritesCoalesceBehindTheFirstUnacknowledgedSmallSegment() {
        // small-writes.txt: 16 segments of 10 bytes each ACKed at once (quick ACKs, before the
        // next write), the 17th not; the 13 writes made while it waits go as one segment of 130
        // bytes when its ACK comes (Minshall's Nagle: a small segment is unacknowledged).
        Run run = smallWrites(SocketOptions.NONE);
        List<String> expected = times(17, "P10");
        expected.add("P130");
        assertEquals(expected, run.data());
        // The capture's ACK of the 17th came when the server read (tcp_cleanup_rbuf, 1.3 ms);
        // tcps's read sends no such ACK, so the delayed-ACK timer sends it, 40 ms after.
        long ack = run.ackedAt(170);
        assertEquals(run.sentAt(170) + DELAY + 40_000, ack);
        assertEquals(ack + DELAY, run.sentAt(300), "the held writes go as soon as the ACK arrives");
    }

    @Test
    void tcpNodelaySendsEachSmallWrite() {
        // small-writes-nodelay.txt: the same writes with TCP_NODELAY: 30 segments of 10 bytes.
        // (Here the last is also resent by the loss probe: tcps's late read sends no ACK.)
        Run run = smallWrites(SocketOptions.NONE.withNoDelay(true));
        assertEquals(times(30, "P10"), run.data());
    }

    @Test
    void writesHeldBehindADelayedAckGoAsOneSegment() {
        // nagle-delayed-ack.txt: 40 writes of 10 bytes 1.1 ms apart to a server that does not
        // read. The first 16 segments get quick ACKs; the 17th's ACK is delayed (45.6 ms in the
        // capture, 40 ms here), and the 23 writes made meanwhile go as one 230-byte segment.
        Run run = new Run(Stacks.LINUX, Stacks.LINUX, SocketOptions.NONE, SocketOptions.NONE);
        run.server().setAutoRead(false);
        for (int i = 0; i < 40; i++) {
            run.writeAt(200_000 + 1_100L * i, TEN);
        }
        run.net.runUntil(1_000_000, () -> { });
        List<String> expected = times(17, "P10");
        expected.add("P230");
        assertEquals(expected, run.data());
        assertEquals(run.sentAt(170) + DELAY + 40_000, run.ackedAt(170));
        assertEquals(run.ackedAt(170) + DELAY, run.sentAt(400));
    }

    @Test
    void forcedPushEveryHalfWindow() {
        // forced-push.txt: SO_RCVBUF 16384 on the server (win 16384, scale 0), TCP_MAXSEG 1012
        // on the client (1000 bytes of data and 12 of timestamps), one 60000-byte write: PSH on
        // the segments ending at 9000, 18000, 27000, 36000, 45000, 54000 (each the first to end
        // more than 8192 bytes past the last PSH) and at 60000, the end of the write.
        Run run = new Run(Stacks.LINUX, Stacks.LINUX, SocketOptions.NONE.withMaxSeg(1012),
                SocketOptions.NONE.withRcvBuf(16384));
        run.writeAt(200_000, new byte[60_000]);
        run.net.runUntil(1_000_000, () -> { });
        List<Integer> pushedEnds = new ArrayList<>();
        int end = 0;
        for (String d : run.data()) {
            end += Integer.parseInt(d.replace("P", ""));
            if (d.startsWith("P")) {
                pushedEnds.add(end);
            }
        }
        assertEquals(List.of(9000, 18000, 27000, 36000, 45000, 54000, 60000), pushedEnds);
        assertTrue(run.data().stream().allMatch(d -> d.endsWith("1000")), run.data().toString());
    }
}
