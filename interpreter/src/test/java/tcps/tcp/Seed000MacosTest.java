package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's macOS listing: {@code echo foobar | nc localhost 1234} against {@code nc -l 1234},
 * printed with {@code tcpdump -S -n}. The profile {@link Profile#MACOS} must send the ten
 * segments field by field, the window update after the handshake (4) and the two separate ACKs
 * of the data and the FIN (7, 8) included.
 */
class Seed000MacosTest {
    private static final String CAPTURE = """
            1. 18:10:18.422576 IP 127.0.0.1.60566 > 127.0.0.1.1234: Flags [S], seq 1198051244, win 65535, options [mss 16344,nop,wscale 6,nop,nop,TS val 337147874 ecr 0,sackOK,eol], length 0
            2. 18:10:18.422685 IP 127.0.0.1.1234 > 127.0.0.1.60566: Flags [S.], seq 1838975788, ack 1198051245, win 65535, options [mss 16344,nop,wscale 6,nop,nop,TS val 135178069 ecr 337147874,sackOK,eol], length 0
            3. 18:10:18.422705 IP 127.0.0.1.60566 > 127.0.0.1.1234: Flags [.], ack 1838975789, win 6379, options [nop,nop,TS val 337147874 ecr 135178069], length 0
            4. 18:10:18.422717 IP 127.0.0.1.1234 > 127.0.0.1.60566: Flags [.], ack 1198051245, win 6379, options [nop,nop,TS val 135178069 ecr 337147874], length 0
            5. 18:10:18.422735 IP 127.0.0.1.60566 > 127.0.0.1.1234: Flags [P.], seq 1198051245:1198051252, ack 1838975789, win 6379, options [nop,nop,TS val 337147874 ecr 135178069], length 7
            6. 18:10:18.422746 IP 127.0.0.1.60566 > 127.0.0.1.1234: Flags [F.], seq 1198051252, ack 1838975789, win 6379, options [nop,nop,TS val 337147874 ecr 135178069], length 0
            7. 18:10:18.422765 IP 127.0.0.1.1234 > 127.0.0.1.60566: Flags [.], ack 1198051252, win 6379, options [nop,nop,TS val 135178069 ecr 337147874], length 0
            8. 18:10:18.422777 IP 127.0.0.1.1234 > 127.0.0.1.60566: Flags [.], ack 1198051253, win 6379, options [nop,nop,TS val 135178069 ecr 337147874], length 0
            9. 18:10:18.422818 IP 127.0.0.1.1234 > 127.0.0.1.60566: Flags [F.], seq 1838975789, ack 1198051253, win 6379, options [nop,nop,TS val 135178069 ecr 337147874], length 0
            10. 18:10:18.422854 IP 127.0.0.1.60566 > 127.0.0.1.1234: Flags [.], ack 1838975790, win 6379, options [nop,nop,TS val 337147874 ecr 135178069], length 0
            """;

    private static final TcpAddress SERVER = new TcpAddress(Ipv4.LOOPBACK, 1234);

    @Test
    void echoFoobarToNcOnMacosReproducesTheListing() {
        RecordingObserver events = new RecordingObserver();
        TcpHost host = new TcpHost(Ipv4.LOOPBACK, Stacks.MACOS,
                (l, r, t) -> { throw new AssertionError("both ISNs are fixed"); }, events);
        Loopback net = new Loopback(host, 10);
        Listener listener = host.listen(1234, new SocketConfig(Stacks.MACOS, SeqNum.of(1838975788L), 135178069L));
        Connection client = host.connect(60566, SERVER,
                new SocketConfig(Stacks.MACOS, SeqNum.of(1198051244L), 337147874L), 0);
        net.collect();

        boolean[] done = new boolean[2];
        net.run(() -> {
            // nc writes and closes back to back once connected (here: once the server has the
            // handshake's ACK, as in the listing, where packet 4 precedes the data); nc -l
            // closes when it reads end of file.
            Connection server = listener.connections().isEmpty() ? null : listener.connections().get(0);
            if (!done[0] && server != null && server.state() == TcpState.ESTABLISHED) {
                client.send("foobar\n".getBytes(StandardCharsets.US_ASCII), net.now);
                client.close(net.now);
                done[0] = true;
            }
            if (!done[1] && server != null && server.finReceived()) {
                server.close(net.now);
                done[1] = true;
            }
        });

        SegmentAssert.assertSegments(net.sent, parse(CAPTURE).toArray(Segment[]::new));
        assertEquals(List.of("CLOSED -> SYN-SENT", "SYN-SENT -> ESTABLISHED", "ESTABLISHED -> FIN-WAIT-1",
                "FIN-WAIT-1 -> FIN-WAIT-2", "FIN-WAIT-2 -> TIME-WAIT", "TIME-WAIT -> CLOSED"),
                events.transitionsOf(client));
        RecordingObserver.StateChange last = events.stateChanges.get(events.stateChanges.size() - 1);
        assertEquals(30_000_000L, last.now() - net.sentAt.get(9), "TIME-WAIT: 2 MSL of 15 s");
        assertTrue(events.discards.isEmpty(), "nothing is discarded: " + events.discards);
    }

    // ---- the listing (tcpdump -S: absolute numbers), read back into segments

    private static final Pattern LINE = Pattern.compile(
            "\\d+\\. \\S+ IP 127\\.0\\.0\\.1\\.(\\d+) > 127\\.0\\.0\\.1\\.(\\d+): Flags \\[([^]]*)], "
                    + "(?:seq (\\d+)(?::\\d+)?, )?(?:ack (\\d+), )?win (\\d+), options \\[([^]]*)], length (\\d+)");

    private static List<Segment> parse(String capture) {
        List<Segment> out = new ArrayList<>();
        long[] next = new long[65536];
        for (String line : capture.strip().split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a listing line: " + line);
            }
            int src = Integer.parseInt(m.group(1));
            int dst = Integer.parseInt(m.group(2));
            int flags = 0;
            for (char c : m.group(3).toCharArray()) {
                flags |= TcpFlags.bitOfLetter(c);
            }
            // tcpdump leaves the seq out of bare ACKs: it is the sender's next number.
            long seq = m.group(4) != null ? Long.parseLong(m.group(4)) : next[src];
            long ack = m.group(5) != null ? Long.parseLong(m.group(5)) : 0;
            int length = Integer.parseInt(m.group(8));
            boolean syn = (flags & TcpFlags.SYN) != 0;
            next[src] = seq + length + (syn ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
            byte[] payload = length == 7 ? "foobar\n".getBytes(StandardCharsets.US_ASCII) : new byte[length];
            out.add(new Segment(new TcpAddress(Ipv4.LOOPBACK, src), new TcpAddress(Ipv4.LOOPBACK, dst),
                    SeqNum.of(seq), SeqNum.of(ack), flags, Integer.parseInt(m.group(6)), 0,
                    TcpdumpText.options(m.group(7)), payload));
        }
        return out;
    }
}
