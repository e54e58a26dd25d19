package tcps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tcps.report.Segments.linuxSyn;
import static tcps.report.Segments.linuxTs;
import static tcps.report.Segments.sack;
import static tcps.report.Segments.seg;
import static tcps.report.Segments.text;
import static tcps.report.Segments.timeOf;
import static tcps.report.Segments.withUrgent;
import static tcps.tcp.TcpFlags.ACK;
import static tcps.tcp.TcpFlags.CWR;
import static tcps.tcp.TcpFlags.ECE;
import static tcps.tcp.TcpFlags.FIN;
import static tcps.tcp.TcpFlags.PSH;
import static tcps.tcp.TcpFlags.RST;
import static tcps.tcp.TcpFlags.SYN;
import static tcps.tcp.TcpFlags.URG;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tcps.tcp.Segment;
import tcps.tcp.TcpOption;

/**
 * Rows of TCPDUMP.md section 15 (real tcpdump 4.99.3 output, TZ=UTC), reproduced byte for byte.
 * Each scenario feeds its packets in capture order through one printer, because relative numbers
 * depend on the packets before; a packet the table leaves out is fed without a check. Row numbers
 * in comments are the section's.
 */
class TcpdumpPrinterTest {
    private static final String C = "10.0.0.1:40000";
    private static final String S = "10.0.0.2:5001";
    private static final TcpdumpOptions N = TcpdumpOptions.NUMERIC;

    /** Prints {@code s} at the time the expected line starts with, and compares. */
    private static void expect(TcpdumpPrinter p, Segment s, String expected) {
        assertEquals(expected, p.line(s, timeOf(expected)));
    }

    /** The same for -v, where ⏎ in the table is tcpdump's newline plus four blanks. */
    private static void expectVerbose(TcpdumpPrinter p, Ipv4Packet packet, String expected) {
        String want = expected.replace("⏎", "\n");
        assertEquals(want, p.line(packet, timeOf(want)));
    }

    /** A packet of the scenario that the table does not list. */
    private static void feed(TcpdumpPrinter p, Segment s) {
        p.line(s, 0);
    }

    @Nested
    class Handshake {
        private final Segment syn = seg(C, S, SYN, 1000, 0, 64240, 0, linuxSyn(1460, 100, 0));
        private final Segment synAck = seg(S, C, SYN | ACK, 5000, 1001, 65160, 0, linuxSyn(1460, 200, 100));
        private final Segment ack = seg(C, S, ACK, 1001, 5001, 502, 0, linuxTs(101, 200));
        private final Segment data = seg(C, S, PSH | ACK, 1001, 5001, 502, 100, linuxTs(102, 200));

        @Test
        void rows1to8() {
            TcpdumpPrinter p = new TcpdumpPrinter(N);
            expect(p, syn, "22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0");
            expect(p, synAck, "22:13:20.124567 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 200 ecr 100,nop,wscale 7], length 0");
            expect(p, ack, "22:13:20.125678 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 1, win 502, options [nop,nop,TS val 101 ecr 200], length 0");
            expect(p, data, "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 1:101, ack 1, win 502, options [nop,nop,TS val 102 ecr 200], length 100");
            expect(p, seg(S, C, ACK, 5001, 1101, 509, 0, linuxTs(201, 102)),
                    "22:13:20.127900 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,TS val 201 ecr 102], length 0");
            expect(p, seg(S, C, PSH | ACK, 5001, 1101, 509, 50, linuxTs(202, 102)),
                    "22:13:20.129011 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [P.], seq 1:51, ack 101, win 509, options [nop,nop,TS val 202 ecr 102], length 50");
            expect(p, seg(C, S, FIN | ACK, 1101, 5051, 502, 0, linuxTs(103, 202)),
                    "22:13:20.130122 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [F.], seq 101, ack 51, win 502, options [nop,nop,TS val 103 ecr 202], length 0");
            feed(p, seg(S, C, FIN | ACK, 5051, 1102, 509, 0, linuxTs(203, 103)));
            expect(p, seg(C, S, ACK, 1102, 5052, 502, 0, linuxTs(104, 203)),
                    "22:13:20.132344 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 52, win 502, options [nop,nop,TS val 104 ecr 203], length 0");
        }

        @Test
        void row9AbsoluteWithS() {
            TcpdumpPrinter p = new TcpdumpPrinter(N.withAbsolute(true));
            feed(p, syn);
            feed(p, synAck);
            feed(p, ack);
            expect(p, data, "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 1001:1101, ack 5001, win 502, options [nop,nop,TS val 102 ecr 200], length 100");
        }

        @Test
        void timestampModes() {
            String rest = "IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0";
            long t = 1_700_000_000_123_456L;
            assertEquals(rest, new TcpdumpPrinter(N.withTimestamps(TimestampMode.NONE)).line(syn, t));
            assertEquals("1700000000.123456 " + rest,
                    new TcpdumpPrinter(N.withTimestamps(TimestampMode.EPOCH)).line(syn, t));
            assertEquals("22:13:20.123456 " + rest, new TcpdumpPrinter(N).line(syn, t));
            assertEquals("00:00:00.000000 " + rest, new TcpdumpPrinter(N).line(syn, 0));
            assertEquals("0.000007 " + rest, new TcpdumpPrinter(N.withTimestamps(TimestampMode.EPOCH)).line(syn, 7));
        }

        /** Row 3 under -v (the block after the table), and row 63, which is row 1 under -v. */
        @Test
        void row3And63Verbose() {
            TcpdumpPrinter p = new TcpdumpPrinter(N.withVerbose(true));
            expectVerbose(p, Ipv4Packet.of(syn, 1),
                    "22:13:20.123456 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], cksum 0x84f7 (correct), seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0");
            p.line(Ipv4Packet.of(synAck, 1), 0);
            expectVerbose(p, Ipv4Packet.of(ack, 1),
                    "22:13:20.125678 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 52)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], cksum 0x985c (correct), ack 1, win 502, options [nop,nop,TS val 101 ecr 200], length 0");
        }
    }

    @Test
    void rows11to17Flags() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        expect(p, withUrgent(seg(C, S, ACK | URG, 1000, 2000, 100, 10), 5),
                "22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.U], seq 1000:1010, ack 2000, win 100, urg 5, length 10");
        expect(p, seg("10.0.0.1:40001", S, URG, 1000, 0, 100, 0),
                "22:13:20.124567 IP 10.0.0.1.40001 > 10.0.0.2.5001: Flags [U], win 100, urg 0, length 0");
        expect(p, seg("10.0.0.1:40003", S, FIN | PSH | ACK, 1000, 2000, 100, 3),
                "22:13:20.126789 IP 10.0.0.1.40003 > 10.0.0.2.5001: Flags [FP.], seq 1000:1003, ack 2000, win 100, length 3");
        expect(p, seg("10.0.0.1:40004", S, SYN, 1000, 0, 100, 5),
                "22:13:20.127900 IP 10.0.0.1.40004 > 10.0.0.2.5001: Flags [S], seq 1000:1005, win 100, length 5");
        expect(p, seg("10.0.0.1:40007", S, SYN | ECE | CWR, 1000, 0, 100, 0),
                "22:13:20.131233 IP 10.0.0.1.40007 > 10.0.0.2.5001: Flags [SEW], seq 1000, win 100, length 0");
        expect(p, seg(S, "10.0.0.1:40007", SYN | ACK | ECE, 3000, 1001, 100, 0),
                "22:13:20.132344 IP 10.0.0.2.5001 > 10.0.0.1.40007: Flags [S.E], seq 3000, ack 1001, win 100, length 0");
        expect(p, seg("10.0.0.1:40008", S, 0, 1000, 0, 100, 4),
                "22:13:20.133455 IP 10.0.0.1.40008 > 10.0.0.2.5001: Flags [none], seq 1000:1004, win 100, length 4");
    }

    @Test
    void rows18to20Options() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        expect(p, seg(C, S, SYN, 1000, 0, 1024, 0, new TcpOption.Mss(1460), TcpOption.NOP,
                        new TcpOption.WindowScale(8), TcpOption.NOP, TcpOption.NOP, TcpOption.SACK_PERMITTED),
                "22:13:20.125678 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 1024, options [mss 1460,nop,wscale 8,nop,nop,sackOK], length 0");
        // MSS and EOL take 5 octets; the 3 zero octets of padding are never reached.
        expect(p, seg(C, S, SYN, 1000, 0, 1024, 0, new TcpOption.Mss(536), TcpOption.EOL),
                "22:13:20.127900 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 1024, options [mss 536,eol], length 0");
        expect(p, seg(C, S, SYN, 1000, 0, 1024, 0, TcpOption.NOP, TcpOption.EOL, new TcpOption.Mss(1460)),
                "22:13:20.129011 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 1024, options [nop,eol], length 0");
    }

    @Test
    void paddingPrintsAsOneEol() {
        // Not a table row: 7 option octets are padded with one zero octet, which tcpdump reads as EOL.
        TcpdumpPrinter p = new TcpdumpPrinter(N.withTimestamps(TimestampMode.NONE));
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 1024, options [mss 1460,wscale 7,eol], length 0",
                p.line(seg(C, S, SYN, 1000, 0, 1024, 0, new TcpOption.Mss(1460), new TcpOption.WindowScale(7)), 0));
    }

    @Nested
    class Sack {
        private final Segment threeBlocks = seg(C, S, ACK, 1001, 5001, 502, 0, TcpOption.NOP, TcpOption.NOP,
                sack(10001, 11001, 8001, 9001, 7001, 7501));

        private void handshake(TcpdumpPrinter p) {
            feed(p, seg(C, S, SYN, 1000, 0, 64240, 0));
            feed(p, seg(S, C, SYN | ACK, 5000, 1001, 65160, 0));
            feed(p, seg(C, S, ACK, 1001, 5001, 502, 0));
        }

        @Test
        void rows29to31() {
            TcpdumpPrinter p = new TcpdumpPrinter(N);
            handshake(p);
            expect(p, seg(C, S, ACK, 1001, 5001, 502, 0, TcpOption.NOP, TcpOption.NOP, sack(7001, 8001)),
                    "22:13:20.127900 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 1, win 502, options [nop,nop,sack 1 {2001:3001}], length 0");
            expect(p, threeBlocks,
                    "22:13:20.129011 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 1, win 502, options [nop,nop,sack 3 {5001:6001}{3001:4001}{2001:2501}], length 0");
            expect(p, seg(S, C, ACK, 6001, 1001, 509, 0, TcpOption.NOP, TcpOption.NOP, sack(1101, 1201)),
                    "22:13:20.130122 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [.], ack 1, win 509, options [nop,nop,sack 1 {101:201}], length 0");
        }

        @Test
        void row32AbsoluteWithS() {
            TcpdumpPrinter p = new TcpdumpPrinter(N.withAbsolute(true));
            handshake(p);
            expect(p, threeBlocks,
                    "22:13:20.129011 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 5001, win 502, options [nop,nop,sack 3 {10001:11001}{8001:9001}{7001:7501}], length 0");
        }

        @Test
        void rows33and34EdgesRelativeOnTheCreatingPacket() {
            TcpdumpPrinter p = new TcpdumpPrinter(N);
            expect(p, seg(C, S, ACK, 7001, 9001, 502, 0, TcpOption.NOP, TcpOption.NOP, sack(9101, 9201)),
                    "22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 9001, win 502, options [nop,nop,sack 1 {101:201}], length 0");
            expect(p, seg(S, C, ACK, 9001, 7001, 502, 0, TcpOption.NOP, TcpOption.NOP, sack(7101, 7201)),
                    "22:13:20.124567 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [.], ack 0, win 502, options [nop,nop,sack 1 {100:200}], length 0");
        }
    }

    @Test
    void rows35to39CaptureStartsMidStream() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        expect(p, seg(C, S, PSH | ACK, 3_000_000, 8_000_000, 502, 100),
                "22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 3000000:3000100, ack 8000000, win 502, length 100");
        expect(p, seg(S, C, ACK, 8_000_000, 3_000_100, 509, 0),
                "22:13:20.124567 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [.], ack 100, win 509, length 0");
        expect(p, seg(S, C, PSH | ACK, 8_000_000, 3_000_100, 509, 20),
                "22:13:20.125678 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [P.], seq 1:21, ack 100, win 509, length 20");
        expect(p, seg(C, S, PSH | ACK, 3_000_100, 8_000_020, 502, 100),
                "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 100:200, ack 21, win 502, length 100");
        expect(p, seg(C, S, FIN, 3_000_200, 0, 502, 0),
                "22:13:20.127900 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [F], seq 3000200, win 502, length 0");
    }

    @Test
    void rows40and41SynAckMissed() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        feed(p, seg(C, S, SYN, 1000, 0, 64240, 0));
        expect(p, seg(C, S, ACK, 1001, 5001, 502, 0),
                "22:13:20.124567 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 5001, win 502, length 0");
        expect(p, seg(C, S, PSH | ACK, 1001, 5001, 502, 100),
                "22:13:20.125678 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 0:100, ack 1, win 502, length 100");
    }

    @Test
    void rows42to45RetransmittedSynsAndANewConnection() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        feed(p, seg(C, S, SYN, 1000, 0, 64240, 0, linuxSyn(1460, 100, 0)));
        expect(p, seg(C, S, SYN, 1000, 0, 64240, 0, linuxSyn(1460, 1100, 0)),
                "22:13:20.124567 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1100 ecr 0,nop,wscale 7], length 0");
        feed(p, seg(S, C, SYN | ACK, 5000, 1001, 65160, 0, linuxSyn(1460, 200, 1100)));
        feed(p, seg(C, S, ACK, 1001, 5001, 502, 0, linuxTs(1101, 200)));
        expect(p, seg(S, C, SYN | ACK, 5000, 1001, 65160, 0, linuxSyn(1460, 1200, 1100)),
                "22:13:20.127900 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 1200 ecr 1100,nop,wscale 7], length 0");
        feed(p, seg(C, S, ACK, 1001, 5001, 502, 0));
        feed(p, seg(C, S, SYN, 90_000, 0, 64240, 0));
        expect(p, seg(S, C, SYN | ACK, 70_000, 90_001, 65160, 0),
                "22:13:20.132344 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [S.], seq 70000, ack 90001, win 65160, length 0");
        expect(p, seg(C, S, ACK, 90_001, 70_001, 502, 0),
                "22:13:20.133455 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 1, win 502, length 0");
    }

    @Test
    void rows46to48Resets() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        feed(p, seg(C, S, SYN, 1000, 0, 64240, 0));
        feed(p, seg(S, C, SYN | ACK, 5000, 1001, 65160, 0));
        feed(p, seg(C, S, ACK, 1001, 5001, 502, 0));
        expect(p, seg(C, S, RST, 1001, 0, 0, 0),
                "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [R], seq 1001, win 0, length 0");
        expect(p, seg(S, C, RST | ACK, 5001, 1001, 0, 0),
                "22:13:20.129011 IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [R.], seq 1, ack 1, win 0, length 0");
        feed(p, seg("10.0.0.1:40001", "10.0.0.2:6000", SYN, 777, 0, 64240, 0));
        expect(p, seg("10.0.0.2:6000", "10.0.0.1:40001", RST | ACK, 0, 778, 0, 0),
                "22:13:20.131233 IP 10.0.0.2.6000 > 10.0.0.1.40001: Flags [R.], seq 0, ack 778, win 0, length 0");
    }

    @Test
    void rows49and50InterleavedConnections() {
        String b = "10.0.0.3:1025";
        String c2 = "10.0.0.1:40001";
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        feed(p, seg(C, S, SYN, 1000, 0, 64240, 0));
        feed(p, seg(b, S, SYN, 200_000, 0, 64240, 0));
        feed(p, seg(c2, S, SYN, 300_000, 0, 64240, 0));
        feed(p, seg(S, C, SYN | ACK, 5000, 1001, 65160, 0));
        feed(p, seg(S, b, SYN | ACK, 600_000, 200_001, 65160, 0));
        feed(p, seg(S, c2, SYN | ACK, 700_000, 300_001, 65160, 0));
        feed(p, seg(C, S, ACK, 1001, 5001, 502, 0));
        expect(p, seg(b, S, ACK, 200_001, 600_001, 502, 0),
                "22:13:20.131233 IP 10.0.0.3.1025 > 10.0.0.2.5001: Flags [.], ack 1, win 502, length 0");
        feed(p, seg(b, S, PSH | ACK, 200_001, 600_001, 502, 20));
        feed(p, seg(C, S, PSH | ACK, 1001, 5001, 502, 10));
        feed(p, seg(c2, S, ACK, 300_001, 700_001, 502, 0));
        expect(p, seg(S, b, ACK, 600_001, 200_021, 509, 0),
                "22:13:20.135677 IP 10.0.0.2.5001 > 10.0.0.3.1025: Flags [.], ack 21, win 509, length 0");
    }

    @Test
    void row51EqualPorts() {
        String a = "10.0.0.1:7777";
        String b = "10.0.0.2:7777";
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        feed(p, seg(a, b, SYN, 1000, 0, 1000, 0));
        feed(p, seg(b, a, SYN | ACK, 5000, 1001, 1000, 0));
        expect(p, seg(a, b, ACK, 1001, 5001, 1000, 0),
                "22:13:20.125678 IP 10.0.0.1.7777 > 10.0.0.2.7777: Flags [.], ack 1, win 1000, length 0");
    }

    @Nested
    class WrapAround {
        private final Segment data = seg(C, S, PSH | ACK, 4_294_967_001L, 4_294_967_291L, 502, 1000);

        private void handshake(TcpdumpPrinter p) {
            feed(p, seg(C, S, SYN, 4_294_967_000L, 0, 64240, 0));
            feed(p, seg(S, C, SYN | ACK, 4_294_967_290L, 4_294_967_001L, 65160, 0));
            feed(p, seg(C, S, ACK, 4_294_967_001L, 4_294_967_291L, 502, 0));
        }

        @Test
        void row52() {
            TcpdumpPrinter p = new TcpdumpPrinter(N);
            handshake(p);
            expect(p, data, "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 1:1001, ack 1, win 502, length 1000");
        }

        @Test
        void row53WithS() {
            TcpdumpPrinter p = new TcpdumpPrinter(N.withAbsolute(true));
            handshake(p);
            expect(p, data, "22:13:20.126789 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], seq 4294967001:705, ack 4294967291, win 502, length 1000");
        }
    }

    @Test
    void rows54and55AckZeroOnTheCreatingPacket() {
        TcpdumpPrinter p = new TcpdumpPrinter(N);
        expect(p, seg(C, S, ACK, 1000, 0, 502, 0),
                "22:13:20.123456 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 0, win 502, length 0");
        expect(p, seg(C, S, ACK, 1000, 5, 502, 0),
                "22:13:20.124567 IP 10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], ack 6, win 502, length 0");
    }

    /** Rows 63 to 72 that a plain IPv4 header can express: the IP fields and the TCP checksum. */
    @Test
    void rows64to72Verbose() {
        TcpdumpPrinter p = new TcpdumpPrinter(N.withVerbose(true));
        p.line(Ipv4Packet.of(seg(C, S, SYN, 1000, 0, 64240, 0, linuxSyn(1460, 100, 0)), 1), 0);
        expectVerbose(p, new Ipv4Packet(seg(S, C, SYN | ACK, 5000, 1001, 65160, 0), 0, 128, false, OptionalInt.empty()),
                "22:13:20.124567 IP (tos 0x0, ttl 128, id 0, offset 0, flags [none], proto TCP (6), length 40)⏎    10.0.0.2.5001 > 10.0.0.1.40000: Flags [S.], cksum 0xd60c (correct), seq 5000, ack 1001, win 65160, length 0");
        expectVerbose(p, Ipv4Packet.of(seg(C, S, ACK, 1001, 5001, 502, 0), 1).withTcpChecksum(0xdead),
                "22:13:20.125678 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 40)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], cksum 0xdead (incorrect -> 0xd2a0), ack 1, win 502, length 0");
        // Row 66 (a bad IP header checksum) and 67 (TOS) cannot be expressed; neither changes the table.
        expectVerbose(p, new Ipv4Packet(seg(C, S, ACK, 1011, 5001, 502, 0), 1, 0, true, OptionalInt.empty()),
                "22:13:20.131233 IP (tos 0x0, id 1, offset 0, flags [DF], proto TCP (6), length 40)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [.], cksum 0xd296 (correct), ack 1, win 502, length 0");
        expectVerbose(p, Ipv4Packet.of(seg(S, C, RST | ACK, 5001, 1021, 0, text("conn refused")), 1),
                "22:13:20.135677 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 52)⏎    10.0.0.2.5001 > 10.0.0.1.40000: Flags [R.], cksum 0xa1e4 (correct), seq 1:13, ack 21, win 0, length 12 [RST conn refused]");
    }

    /**
     * Rows 73 and 74: a segment whose right checksum is 0x0000. tcpdump also accepts 0xffff, and
     * for a wrong field says it should be 0xffff.
     */
    @Test
    void rows73and74ChecksumZero() {
        // With a zero payload the sum is ~c (c its checksum); a payload word of c brings the sum to
        // 0xffff, whose checksum is 0x0000.
        int c = Ipv4Packet.of(seg(C, S, PSH | ACK, 1000, 2000, 100, 2), 1).correctTcpChecksum();
        Segment zero = seg(C, S, PSH | ACK, 1000, 2000, 100, new byte[] {(byte) (c >>> 8), (byte) c});
        assertEquals(0, Ipv4Packet.of(zero, 1).correctTcpChecksum());

        TcpdumpPrinter p = new TcpdumpPrinter(N.withVerbose(true));
        assertEquals("22:13:20.123456 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 42)\n    10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], cksum 0x0000 (correct), seq 1000:1002, ack 2000, win 100, length 2",
                p.line(Ipv4Packet.of(zero, 1), timeOf("22:13:20.123456")));
        expectVerbose(p, Ipv4Packet.of(zero, 1).withTcpChecksum(0xffff),
                "22:13:20.124567 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 42)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], cksum 0xffff (correct), seq 0:2, ack 1, win 100, length 2");
        expectVerbose(p, Ipv4Packet.of(zero, 1).withTcpChecksum(0x1234),
                "22:13:20.125678 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 42)⏎    10.0.0.1.40000 > 10.0.0.2.5001: Flags [P.], cksum 0x1234 (incorrect -> 0xffff), seq 0:2, ack 1, win 100, length 2");
    }

    @Test
    void corruptingAZeroChecksumIsStillWrong() {
        int c = Ipv4Packet.of(seg(C, S, PSH | ACK, 1000, 2000, 100, 2), 1).correctTcpChecksum();
        Segment zero = seg(C, S, PSH | ACK, 1000, 2000, 100, new byte[] {(byte) (c >>> 8), (byte) c});
        Ipv4Packet corrupt = Ipv4Packet.of(zero, 1).withCorruptTcpChecksum();
        assertEquals(1, corrupt.storedTcpChecksum());
        String line = new TcpdumpPrinter(N.withVerbose(true)).line(corrupt, 0);
        assertEquals(true, line.contains("cksum 0x0001 (incorrect -> 0xffff)"), line);
    }

    /**
     * Deviation kept on purpose (row 75): without -n tcpdump names well-known ports from
     * /etc/services ({@code localhost.ssh}); tcps names only 127.0.0.1 and prints ports as numbers.
     */
    @Test
    void row75WithoutNPortsStayNumeric() {
        TcpdumpPrinter p = new TcpdumpPrinter(N.withNumeric(false));
        expect(p, seg("127.0.0.1:43210", "127.0.0.1:22", SYN, 1, 0, 100, 0),
                "22:13:20.123456 IP localhost.43210 > localhost.22: Flags [S], seq 1, win 100, length 0");
        expect(p, seg("10.0.0.1:43210", "127.0.0.1:22", SYN, 1, 0, 100, 0),
                "22:13:20.123456 IP 10.0.0.1.43210 > localhost.22: Flags [S], seq 1, win 100, length 0");
    }

    /** Seed 000: a real Linux loopback capture, relative and without -n, then with -S. */
    @Test
    void seed000LinuxListings() {
        TcpdumpPrinter relative = new TcpdumpPrinter(N.withNumeric(false));
        List<Segment> first = Seed000.relativeExchange();
        for (int i = 0; i < first.size(); i++) {
            expect(relative, first.get(i), Seed000.RELATIVE.get(i));
        }
        TcpdumpPrinter absolute = new TcpdumpPrinter(N.withNumeric(false).withAbsolute(true));
        List<Segment> second = Seed000.absoluteExchange();
        for (int i = 0; i < second.size(); i++) {
            expect(absolute, second.get(i), Seed000.ABSOLUTE.get(i));
        }
    }

    @Test
    void ipIdsCountFromTheFirstSegment() {
        TcpdumpPrinter p = new TcpdumpPrinter(N.withVerbose(true).withTimestamps(TimestampMode.NONE), 65535);
        Segment syn = seg(C, S, SYN, 1000, 0, 100, 0);
        assertEquals(true, p.line(syn, 0).startsWith("IP (tos 0x0, ttl 64, id 65535,"));
        assertEquals(true, p.line(syn, 0).startsWith("IP (tos 0x0, ttl 64, id 0,"));
        assertEquals(true, p.line(syn, 0, true).contains("(incorrect -> 0x"));
    }
}
