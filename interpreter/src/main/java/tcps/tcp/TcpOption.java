package tcps.tcp;

import java.util.List;

/** TCP options (RFC 9293 section 3.2, RFC 7323, RFC 2018), in the form tcpdump names them. */
public sealed interface TcpOption {
    /** Bytes this option takes on the wire. */
    int wireLength();

    record Eol() implements TcpOption {
        public int wireLength() {
            return 1;
        }
    }

    record Nop() implements TcpOption {
        public int wireLength() {
            return 1;
        }
    }

    record Mss(int value) implements TcpOption {
        public int wireLength() {
            return 4;
        }
    }

    record WindowScale(int shift) implements TcpOption {
        public int wireLength() {
            return 3;
        }
    }

    record SackPermitted() implements TcpOption {
        public int wireLength() {
            return 2;
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
    }

    record SackBlock(SeqNum left, SeqNum right) {}

    /** TSval and TSecr as unsigned 32-bit values. */
    record Timestamps(long val, long ecr) implements TcpOption {
        public int wireLength() {
            return 10;
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
