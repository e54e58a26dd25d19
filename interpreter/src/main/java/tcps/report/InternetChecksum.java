package tcps.report;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum.
 * Kept apart so the pcap writer (which stores checksums) and the {@code -v} printer (which checks
 * them the way tcpdump does) cannot disagree on the arithmetic.
 */
final class InternetChecksum {
    private InternetChecksum() {}

    /** The one's complement sum of {@code data[from, to)} as 16-bit big-endian words, folded to 16 bits. */
    static int onesSum(byte[] data, int from, int to) {
        long sum = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < to) {
            sum += (data[i] & 0xff) << 8; // an odd last octet is padded with a zero octet (RFC 1071 section 1)
        }
        return fold(sum);
    }

    /** One's complement addition of two 16-bit values, carries added back in. */
    static int add(int a, int b) {
        return fold((long) a + b);
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
