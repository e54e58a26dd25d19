package tcps.tcp;

import java.util.List;

/** TCP options (RFC 9293 section 3.2, RFC 7323, RFC 2018), in the form tcpdump names them. */
public sealed interface TcpOption {
    /** Bytes this option takes on the wire. */
    int wireLength();

    /** tcpdump's spelling: {@code mss 1460}, {@code TS val 5 ecr 0}, SACK edges absolute. */
    String text();

    record Eol() implements TcpOption {
        public int wireLength() {
            return 1;
        }

        public String text() {
            return "eol";
        }
    }

    record Nop() implements TcpOption {
        public int wireLength() {
            return 1;
        }

        public String text() {
            return "nop";
        }
    }

    record Mss(int value) implements TcpOption {
        public int wireLength() {
            return 4;
        }

        public String text() {
            return "mss " + value;
        }
    }

    record WindowScale(int shift) implements TcpOption {
        public int wireLength() {
            return 3;
        }

        public String text() {
            return "wscale " + shift;
        }
    }

    record SackPermitted() implements TcpOption {
        public int wireLength() {
            return 2;
        }

        public String text() {
            return "sackOK";
        }
    }

    /** Edges are absolute sequence numbers in the receiver's (the option sender's peer's) space. */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
        }

        public int wireLength() {
            return 2 + 8 * blocks.size();
        }

        public String text() {
            return text(SeqNum.of(0));
        }

        /** With edges counted from {@code base}, as tcpdump shows them relative to the receiver's ISN. */
        public String text(SeqNum base) {
            StringBuilder sb = new StringBuilder("sack ").append(blocks.size()).append(' ');
            for (SackBlock b : blocks) {
                sb.append('{').append(b.left().offsetFrom(base)).append(':').append(b.right().offsetFrom(base))
                        .append('}');
            }
            return sb.toString();
        }
    }

    record SackBlock(SeqNum left, SeqNum right) {}

    /** TSval and TSecr as unsigned 32-bit values. */
    record Timestamps(long val, long ecr) implements TcpOption {
        public int wireLength() {
            return 10;
        }

        public String text() {
            return "TS val " + val + " ecr " + ecr;
        }
    }

    TcpOption NOP = new Nop();
    TcpOption EOL = new Eol();
    TcpOption SACK_PERMITTED = new SackPermitted();

    /** Total option bytes, padded to a multiple of 4 as the data offset requires. */
    static int paddedLength(List<TcpOption> options) {
        int n = 0;
        for (TcpOption o : options) {
            n += o.wireLength();
        }
        return (n + 3) & ~3;
    }
}
