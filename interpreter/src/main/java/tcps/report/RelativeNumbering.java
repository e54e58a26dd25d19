package tcps.report;

import java.util.HashMap;
import java.util.Map;
import tcps.tcp.Ipv4;
import tcps.tcp.Segment;
import tcps.tcp.SeqNum;
import tcps.tcp.TcpFlags;

/**
 * tcpdump's table of sequence-number bases, from which it prints relative numbers
 * (print-tcp.c in tcpdump 4.99.3; TCPDUMP.md section 6). One table per capture; entries are
 * never removed.
 *
 * <p>Only segments with the ACK bit read or change the table. The two ends of a connection are
 * put in a fixed order (lower port first; on equal ports, lower address first) so both directions
 * share one entry holding a base for each end's sequence space. An ACK-bearing segment creates the
 * entry when there is none, and replaces it when SYN is set; that segment itself prints absolute
 * seq and ack, and later ones print their distance from the bases.
 */
final class RelativeNumbering {

    /** The numbers one segment shows. SACK edges are shown as distances from {@code sackBase}. */
    record Shown(SeqNum seq, SeqNum ack, SeqNum sackBase) {}

    private record Key(Ipv4 addressA, Ipv4 addressB, int portA, int portB) {
        // equals and hashCode written out (the same values a record's own give): a record's are
        // linked through invokedynamic on first use, a visible cost in a run that lasts milliseconds.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && portA == k.portA && portB == k.portB && addressA.equals(k.addressA)
                    && addressB.equals(k.addressB);
        }

        @Override
        public int hashCode() {
            return ((addressA.hashCode() * 31 + addressB.hashCode()) * 31 + portA) * 31 + portB;
        }
    }

    /** The bases of the two ends' sequence spaces, A being the end that sorts first. */
    private record Bases(SeqNum a, SeqNum b) {}

    private static final SeqNum ZERO = SeqNum.of(0);

    private final Map<Key, Bases> table = new HashMap<>();

    /** What {@code -S} prints: everything as on the wire; the table is not touched. */
    static Shown absolute(Segment s) {
        return new Shown(s.seq(), s.ack(), ZERO);
    }

    /** The numbers {@code s} shows without {@code -S}, updating the table as tcpdump does. */
    Shown show(Segment s) {
        if (!s.has(TcpFlags.ACK)) {
            return absolute(s);
        }
        int sport = s.src().port();
        int dport = s.dst().port();
        boolean reversed = sport > dport || (sport == dport && s.src().ip().compareUnsigned(s.dst().ip()) > 0);
        Key key = reversed
                ? new Key(s.dst().ip(), s.src().ip(), dport, sport)
                : new Key(s.src().ip(), s.dst().ip(), sport, dport);
        Bases bases = table.get(key);
        if (bases == null || s.has(TcpFlags.SYN)) {
            // The sender's base is its own seq; the receiver's is ack - 1, its ISN if this is the
            // SYN-ACK. SACK edges are relative even on this packet, whose seq and ack are not.
            SeqNum senderBase = s.seq();
            SeqNum receiverBase = s.ack().minus(1);
            table.put(key, reversed ? new Bases(receiverBase, senderBase) : new Bases(senderBase, receiverBase));
            return new Shown(s.seq(), s.ack(), receiverBase);
        }
        SeqNum senderBase = reversed ? bases.b() : bases.a();
        SeqNum receiverBase = reversed ? bases.a() : bases.b();
        return new Shown(
                SeqNum.of(s.seq().offsetFrom(senderBase)),
                SeqNum.of(s.ack().offsetFrom(receiverBase)),
                receiverBase);
    }
}
