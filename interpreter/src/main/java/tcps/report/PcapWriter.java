package tcps.report;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import tcps.tcp.Segment;

/**
 * Writes a capture in the classic pcap format that tcpdump, tshark and Wireshark read
 * (TCPDUMP.md section 12): magic a1b2c3d4 (microsecond stamps), version 2.4, snaplen 262144,
 * link type RAW (101), so each record is one whole IPv4 datagram with no link header.
 * Written big-endian (network order); readers accept either order.
 *
 * <p>Record timestamps are the virtual time: microseconds since 0, read as the Unix epoch.
 * IP ids come from a 16-bit counter starting at {@code firstIpId} (1 unless told), one per segment
 * written without an explicit {@link Ipv4Packet}: the same rule as {@link TcpdumpPrinter}, so a
 * printer and a writer fed the same segments agree under {@code -v}.
 */
public final class PcapWriter implements Closeable, Flushable {
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;
    private static final int SNAPLEN = 262_144;
    private static final int LINKTYPE_RAW = 101;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final OutputStream out;
    private int nextIpId;

    /** Starts a capture on {@code out}: writes the global header now. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, 1);
    }

    public PcapWriter(OutputStream out, int firstIpId) throws IOException {
        if (firstIpId < 0 || firstIpId > 0xffff) {
            throw new IllegalArgumentException("IP id is 16 bits: " + firstIpId);
        }
        this.out = out;
        this.nextIpId = firstIpId;
        ByteBuffer header = ByteBuffer.allocate(24); // big-endian, the order the magic number announces
        header.putInt(MAGIC_MICROSECONDS).putShort((short) VERSION_MAJOR).putShort((short) VERSION_MINOR);
        header.putInt(0).putInt(0); // thiszone and sigfigs: stamps are UTC and exact
        header.putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(header.array());
    }

    /** A capture written to {@code file}, replacing what was there. */
    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** One record: {@code segment} at {@code timeMicros}, with the next IP id. */
    public void write(Segment segment, long timeMicros) throws IOException {
        write(segment, timeMicros, false);
    }

    /** As {@link #write(Segment, long)}; with {@code corruptChecksum} the TCP checksum is wrong. */
    public void write(Segment segment, long timeMicros, boolean corruptChecksum) throws IOException {
        Ipv4Packet packet = Ipv4Packet.of(segment, takeIpId());
        write(corruptChecksum ? packet.withCorruptTcpChecksum() : packet, timeMicros);
    }

    /** One record holding exactly {@code packet}; does not take an IP id from the counter. */
    public void write(Ipv4Packet packet, long timeMicros) throws IOException {
        if (timeMicros < 0 || timeMicros / MICROS_PER_SECOND > 0xffffffffL) {
            throw new IllegalArgumentException("virtual time does not fit a pcap record: " + timeMicros + " us");
        }
        byte[] datagram = packet.bytes();
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putInt((int) (timeMicros / MICROS_PER_SECOND)).putInt((int) (timeMicros % MICROS_PER_SECOND));
        header.putInt(datagram.length).putInt(datagram.length); // whole packets: captured length = original
        out.write(header.array());
        out.write(datagram);
    }

    /** Pushes buffered records out, so a reader sees the capture so far. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private int takeIpId() {
        int id = nextIpId;
        nextIpId = (nextIpId + 1) & 0xffff;
        return id;
    }
}
