package tcps.tcp;

import java.util.Optional;

/** An IPv4 address. */
public record Ipv4(int bits) {
    public static final Ipv4 LOOPBACK = new Ipv4(0x7f000001);

    /** Parses dotted-quad text, or returns empty if it is not an IPv4 address. */
    public static Optional<Ipv4> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            bits = (bits << 8) | octet;
        }
        return Optional.of(new Ipv4(bits));
    }

    /** 127.0.0.0/8. */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    public byte[] octets() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** Unsigned comparison of the network-order bytes (tcpdump's tie-break for equal ports). */
    public int compareUnsigned(Ipv4 o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    // equals and hashCode written out (the same values a record's own give): a record's are
    // linked through invokedynamic on first use, a visible cost in a run that lasts milliseconds.
    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4 a && bits == a.bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
