package tcps.report;

import static tcps.report.Segments.linuxSyn;
import static tcps.report.Segments.linuxTs;
import static tcps.report.Segments.seg;
import static tcps.report.Segments.text;
import static tcps.tcp.TcpFlags.ACK;
import static tcps.tcp.TcpFlags.FIN;
import static tcps.tcp.TcpFlags.PSH;
import static tcps.tcp.TcpFlags.SYN;

import java.util.List;
import tcps.tcp.Segment;

/**
 * The Linux loopback exchange of /work/shared/seeds/000 ({@code echo foobar | nc localhost 1234}):
 * handshake, 7 octets, FIN from each side, last ACK. Both listings there are this exchange with
 * different ports, ISNs and timestamps.
 */
final class Seed000 {
    private Seed000() {}

    static List<Segment> exchange(int clientPort, long clientIsn, long serverIsn, long ts) {
        String c = "127.0.0.1:" + clientPort;
        String s = "127.0.0.1:1234";
        long c1 = clientIsn + 1;
        long s1 = serverIsn + 1;
        return List.of(
                seg(c, s, SYN, clientIsn, 0, 65495, 0, linuxSyn(65495, ts, 0)),
                seg(s, c, SYN | ACK, serverIsn, c1, 65483, 0, linuxSyn(65495, ts, ts)),
                seg(c, s, ACK, c1, s1, 512, 0, linuxTs(ts, ts)),
                seg(c, s, PSH | ACK, c1, s1, 512, text("foobar\n"), linuxTs(ts, ts)),
                seg(s, c, ACK, s1, c1 + 7, 512, 0, linuxTs(ts, ts)),
                seg(c, s, FIN | ACK, c1 + 7, s1, 512, 0, linuxTs(ts, ts)),
                seg(s, c, FIN | ACK, s1, c1 + 8, 512, 0, linuxTs(ts, ts)),
                seg(c, s, ACK, c1 + 8, s1 + 1, 512, 0, linuxTs(ts, ts)));
    }

    /** The first listing, printed by {@code tcpdump -i lo port 1234} (relative, names). */
    static final List<String> RELATIVE = List.of(
            "22:57:07.921614 IP localhost.47162 > localhost.1234: Flags [S], seq 934227076, win 65495, options [mss 65495,sackOK,TS val 2756153644 ecr 0,nop,wscale 7], length 0",
            "22:57:07.921626 IP localhost.1234 > localhost.47162: Flags [S.], seq 2435073417, ack 934227077, win 65483, options [mss 65495,sackOK,TS val 2756153644 ecr 2756153644,nop,wscale 7], length 0",
            "22:57:07.921636 IP localhost.47162 > localhost.1234: Flags [.], ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0",
            "22:57:07.921688 IP localhost.47162 > localhost.1234: Flags [P.], seq 1:8, ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 7",
            "22:57:07.921692 IP localhost.1234 > localhost.47162: Flags [.], ack 8, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0",
            "22:57:07.921700 IP localhost.47162 > localhost.1234: Flags [F.], seq 8, ack 1, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0",
            "22:57:07.921758 IP localhost.1234 > localhost.47162: Flags [F.], seq 1, ack 9, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0",
            "22:57:07.921781 IP localhost.47162 > localhost.1234: Flags [.], ack 2, win 512, options [nop,nop,TS val 2756153644 ecr 2756153644], length 0");

    static List<Segment> relativeExchange() {
        return exchange(47162, 934_227_076L, 2_435_073_417L, 2_756_153_644L);
    }

    /** The second listing, with {@code -S}. */
    static final List<String> ABSOLUTE = List.of(
            "22:57:39.363197 IP localhost.35954 > localhost.1234: Flags [S], seq 625186957, win 65495, options [mss 65495,sackOK,TS val 2756185086 ecr 0,nop,wscale 7], length 0",
            "22:57:39.363207 IP localhost.1234 > localhost.35954: Flags [S.], seq 960599189, ack 625186958, win 65483, options [mss 65495,sackOK,TS val 2756185086 ecr 2756185086,nop,wscale 7], length 0",
            "22:57:39.363216 IP localhost.35954 > localhost.1234: Flags [.], ack 960599190, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 0",
            "22:57:39.363263 IP localhost.35954 > localhost.1234: Flags [P.], seq 625186958:625186965, ack 960599190, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 7",
            "22:57:39.363267 IP localhost.1234 > localhost.35954: Flags [.], ack 625186965, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 0",
            "22:57:39.363275 IP localhost.35954 > localhost.1234: Flags [F.], seq 625186965, ack 960599190, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 0",
            "22:57:39.363329 IP localhost.1234 > localhost.35954: Flags [F.], seq 960599190, ack 625186966, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 0",
            "22:57:39.363349 IP localhost.35954 > localhost.1234: Flags [.], ack 960599191, win 512, options [nop,nop,TS val 2756185086 ecr 2756185086], length 0");

    static List<Segment> absoluteExchange() {
        return exchange(35954, 625_186_957L, 960_599_189L, 2_756_185_086L);
    }
}
