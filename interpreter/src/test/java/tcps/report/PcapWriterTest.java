package tcps.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static tcps.report.Segments.linuxSyn;
import static tcps.report.Segments.linuxTs;
import static tcps.report.Segments.sack;
import static tcps.report.Segments.seg;
import static tcps.report.Segments.text;
import static tcps.report.Segments.withUrgent;
import static tcps.tcp.TcpFlags.ACK;
import static tcps.tcp.TcpFlags.CWR;
import static tcps.tcp.TcpFlags.FIN;
import static tcps.tcp.TcpFlags.PSH;
import static tcps.tcp.TcpFlags.RST;
import static tcps.tcp.TcpFlags.SYN;
import static tcps.tcp.TcpFlags.URG;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcps.tcp.Segment;
import tcps.tcp.TcpOption;

/**
 * Round trip through the real tools: a capture written by {@link PcapWriter} and read by
 * tcpdump 4.99 must print exactly what {@link TcpdumpPrinter} prints with the same switches, and
 * tshark must find every checksum right except the one corrupted on purpose. The tools only read
 * files here; the non-{@code -n} run uses a loopback-only capture, which /etc/hosts answers.
 * Skipped when the tools are missing.
 */
class PcapWriterTest {
    private static final String INSTALL =
            "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tcpdump tshark";
    private static final String C = "10.0.0.1:40000";
    private static final String S = "10.0.0.2:5001";
    /** Index in {@link #mixedExchange()} of the segment written with a wrong TCP checksum. */
    private static final int CORRUPTED = 12;

    @TempDir
    Path dir;

    /** One segment as the capture holds it. */
    private record Captured(Segment segment, long timeMicros, boolean corrupt) {}

    // ------------------------------------------------------------------ the capture ---

    /**
     * Seed 000's 8 loopback segments, then a connection whose data wraps past 2^32, a lost and
     * corrupted segment, a SACK, URG and CWR, an RST carrying text, an RST without ACK, and a SYN
     * whose options need an EOL pad, the day after.
     */
    private static List<Captured> mixedExchange() {
        List<Captured> out = new ArrayList<>();
        List<Segment> seed = Seed000.relativeExchange();
        for (int i = 0; i < seed.size(); i++) {
            out.add(new Captured(seed.get(i), Segments.timeOf(Seed000.RELATIVE.get(i)), false));
        }
        long cIsn = 4_294_967_000L;
        long sIsn = 4_294_967_290L;
        long c1 = cIsn + 1;
        long s1 = sIsn + 1;
        long afterWrap = (c1 + 1000) & 0xffffffffL; // 705
        List<Segment> tail = List.of(
                seg(C, S, SYN, cIsn, 0, 64240, 0, linuxSyn(1460, 100, 0)),
                seg(S, C, SYN | ACK, sIsn, c1, 65160, 0, linuxSyn(1460, 200, 100)),
                seg(C, S, ACK, c1, s1, 502, 0, linuxTs(101, 200)),
                seg(C, S, PSH | ACK, c1, s1, 502, pattern(1000), linuxTs(102, 200)),
                seg(C, S, PSH | ACK, afterWrap, s1, 502, pattern(500), linuxTs(103, 200)),
                seg(C, S, PSH | ACK | CWR, afterWrap + 500, s1, 502, pattern(500), linuxTs(103, 200)),
                seg(S, C, ACK, s1, afterWrap, 509, 0, TcpOption.NOP, TcpOption.NOP,
                        new TcpOption.Timestamps(201, 103), TcpOption.NOP, TcpOption.NOP,
                        sack(afterWrap + 500, afterWrap + 1000)),
                seg(C, S, PSH | ACK, afterWrap, s1, 502, pattern(500), linuxTs(110, 201)),
                seg(S, C, ACK, s1, afterWrap + 1000, 509, 0, linuxTs(211, 110)),
                withUrgent(seg(S, C, URG | PSH | ACK, s1, afterWrap + 1000, 509, text("!"), linuxTs(212, 110)), 1),
                seg(S, C, RST | ACK, s1 + 1, afterWrap + 1000, 0,
                        text("connection reset\r\nby peer \u00e9\u0000\u007f, and then some")),
                seg(C, S, RST, afterWrap + 1000, 0, 0, 0));
        long t = Segments.timeOf("23:00:00.000000");
        for (int i = 0; i < tail.size(); i++) {
            out.add(new Captured(tail.get(i), t + 1111L * i, out.size() == CORRUPTED));
        }
        out.add(new Captured(seg("10.0.0.1:40001", S, SYN, 7, 0, 1024, 0,
                new TcpOption.Mss(1460), new TcpOption.WindowScale(7)),
                Segments.timeOf("01:01:01.000001") + 86_400_000_000L, false));
        return out;
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private Path write(List<Captured> capture) throws IOException {
        Path file = dir.resolve("capture.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            for (Captured c : capture) {
                w.write(c.segment(), c.timeMicros(), c.corrupt());
            }
        }
        return file;
    }

    private static String printed(TcpdumpOptions options, List<Captured> capture) {
        TcpdumpPrinter p = new TcpdumpPrinter(options);
        StringBuilder sb = new StringBuilder();
        for (Captured c : capture) {
            sb.append(p.line(c.segment(), c.timeMicros(), c.corrupt())).append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ the file itself ---

    @Test
    void fileLayout() throws IOException {
        Segment syn = seg(C, S, SYN, 1000, 0, 64240, 0, linuxSyn(1460, 100, 0));
        Path file = dir.resolve("one.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            w.write(syn, 1_700_000_000_123_456L);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(0xa1b2c3d4, b.getInt(0), "magic");
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(262_144, b.getInt(16), "snaplen");
        assertEquals(101, b.getInt(20), "LINKTYPE_RAW");
        assertEquals(1_700_000_000, b.getInt(24), "ts_sec");
        assertEquals(123_456, b.getInt(28), "ts_usec");
        assertEquals(60, b.getInt(32), "incl_len");
        assertEquals(60, b.getInt(36), "orig_len");
        assertEquals(24 + 16 + 60, b.limit());
        byte[] packet = Arrays.copyOfRange(b.array(), 40, 100);
        assertTrue(Arrays.equals(Ipv4Packet.of(syn, 1).bytes(), packet), "record holds the datagram with id 1");
        assertEquals(0x45, packet[0] & 0xff);
        assertEquals(0x4000, ((packet[6] & 0xff) << 8) | (packet[7] & 0xff), "DF");
        assertEquals(0xa0, packet[32] & 0xff, "data offset 10 words");
        assertEquals(0x84f7, ((packet[36] & 0xff) << 8) | (packet[37] & 0xff), "TCP checksum of row 63");
    }

    // ------------------------------------------------------------------ tcpdump ---

    @Test
    void tcpdumpPrintsWhatThePrinterPrints() throws Exception {
        Path tcpdump = tcpdump();
        List<Captured> capture = mixedExchange();
        Path file = write(capture);
        TcpdumpOptions n = TcpdumpOptions.NUMERIC;
        assertSame(tcpdump, file, List.of("-n"), n, capture);
        assertSame(tcpdump, file, List.of("-n", "-S"), n.withAbsolute(true), capture);
        assertSame(tcpdump, file, List.of("-n", "-t"), n.withTimestamps(TimestampMode.NONE), capture);
        assertSame(tcpdump, file, List.of("-n", "-tt"), n.withTimestamps(TimestampMode.EPOCH), capture);
        assertSame(tcpdump, file, List.of("-n", "-v"), n.withVerbose(true), capture);
        assertSame(tcpdump, file, List.of("-n", "-S", "-v"), n.withAbsolute(true).withVerbose(true), capture);
    }

    /** Without -n, on loopback only: tcpdump names 127.0.0.1 from /etc/hosts, as seed 000 shows. */
    @Test
    void tcpdumpWithoutNOnLoopback() throws Exception {
        Path tcpdump = tcpdump();
        List<Captured> capture = mixedExchange().subList(0, 8);
        Path file = write(capture);
        TcpdumpOptions names = TcpdumpOptions.NUMERIC.withNumeric(false);
        assertSame(tcpdump, file, List.of(), names, capture);
        assertSame(tcpdump, file, List.of("-S"), names.withAbsolute(true), capture);
        assertEquals(String.join("\n", Seed000.RELATIVE) + "\n", printed(names, capture));
    }

    @Test
    void corruptedChecksumShowsUnderV() throws Exception {
        Path tcpdump = tcpdump();
        List<Captured> capture = mixedExchange();
        String out = run(List.of(tcpdump.toString(), "-n", "-v", "-r", write(capture).toString()));
        List<String> lines = out.lines().toList();
        // Two physical lines per packet under -v; the TCP line of the corrupted one is the second.
        String corrupted = lines.get(2 * CORRUPTED + 1);
        assertTrue(corrupted.contains(" (incorrect -> 0x"), corrupted);
        assertEquals(1, out.split("incorrect", -1).length - 1, out);
    }

    private void assertSame(Path tcpdump, Path file, List<String> flags, TcpdumpOptions options,
            List<Captured> capture) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(tcpdump.toString());
        cmd.addAll(flags);
        cmd.add("-r");
        cmd.add(file.toString());
        List<String> real = run(cmd).lines().toList();
        List<String> ours = printed(options, capture).lines().toList();
        String mode = "tcpdump " + String.join(" ", flags);
        for (int i = 0; i < Math.min(real.size(), ours.size()); i++) {
            assertEquals(real.get(i), ours.get(i), mode + ", physical line " + (i + 1));
        }
        assertEquals(real.size(), ours.size(), mode + ": number of lines");
    }

    private static Path tcpdump() throws Exception {
        Optional<Path> tcpdump = onPath("tcpdump");
        assumeTrue(tcpdump.isPresent(), "tcpdump is not on PATH; install it with: " + INSTALL);
        String version = run(List.of(tcpdump.get().toString(), "--version"));
        assumeTrue(version.startsWith("tcpdump version 4.99."),
                "the transcript imitates tcpdump 4.99.3; found: " + version.lines().findFirst().orElse(""));
        return tcpdump.get();
    }

    // ------------------------------------------------------------------ tshark ---

    @Test
    void tsharkFindsChecksumsRightExceptTheCorruptedOne() throws Exception {
        Optional<Path> tshark = onPath("tshark");
        assumeTrue(tshark.isPresent(), "tshark is not on PATH; install it with: " + INSTALL);
        List<Captured> capture = mixedExchange();
        String file = write(capture).toString();
        List<String> checks = List.of("-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE");

        List<String> summary = new ArrayList<>(List.of(tshark.get().toString(), "-n", "-r", file));
        summary.addAll(checks);
        List<String> lines = run(summary).lines().toList();
        assertEquals(capture.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertFalse(line.contains("Malformed"), line);
            assertEquals(i == CORRUPTED, line.contains("[TCP CHECKSUM INCORRECT]"), line);
        }

        // Status 1 is "good", 0 "bad": every IP header checksum is good, every TCP one but one.
        List<String> fields = new ArrayList<>(List.of(tshark.get().toString(), "-n", "-r", file));
        fields.addAll(checks);
        fields.addAll(List.of("-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status"));
        List<String> status = run(fields).lines().toList();
        for (int i = 0; i < status.size(); i++) {
            assertEquals(i == CORRUPTED ? "1\t0" : "1\t1", status.get(i), "frame " + (i + 1));
        }
    }

    // ------------------------------------------------------------------ processes ---

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs a tool that only reads files, under TZ=UTC; returns stdout. stderr (banners) is dropped. */
    private static String run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", "UTC");
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), "exit status of " + cmd);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
