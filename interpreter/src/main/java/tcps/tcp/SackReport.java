package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The SACK blocks our ACKs report (RFC 2018): blocks of text held out of order, the most
 * recently changed first, at most the four an option holds; and a duplicate to report once, first among them
 * (D-SACK, RFC 2883). {@link Tcb} says what was held, reached or received twice, and asks what
 * a segment carries.
 */
final class SackReport {
    /** Blocks of held text to report, the most recently changed first (RFC 2018 section 4). */
    private final List<TcpOption.SackBlock> blocks = new ArrayList<>();
    /** A duplicate to report once, first among the SACK blocks (D-SACK, RFC 2883), or null. */
    private TcpOption.SackBlock duplicate;

    /**
     * {@code block} of held text grew around the segment that just arrived: it becomes the first
     * block, and blocks it now covers go (RFC 2018 section 4: "The first SACK block ... MUST
     * specify the contiguous block of data containing the segment which triggered this ACK").
     */
    void held(TcpOption.SackBlock block) {
        blocks.removeIf(b -> b.left().ge(block.left()) && b.right().le(block.right()));
        blocks.add(0, block);
        while (blocks.size() > WireOptions.MAX_SACK_BLOCKS) {
            blocks.remove(blocks.size() - 1);
        }
    }

    /** RCV.NXT moved to {@code rcvNxt}: blocks it reached are acknowledged cumulatively now (Linux tcp_sack_remove). */
    void acknowledgedTo(SeqNum rcvNxt) {
        blocks.removeIf(b -> b.left().le(rcvNxt));
    }

    /** {@code block} was received twice: the next ACK reports it first, once (D-SACK). */
    void duplicate(TcpOption.SackBlock block) {
        duplicate = block;
    }

    /** The held text was discarded: no block is left to report. */
    void clear() {
        blocks.clear();
    }

    /** The blocks a segment carries: a pending D-SACK block first (on an ACK, sent once), then the rest. */
    List<TcpOption.SackBlock> toReport(boolean ack) {
        if (duplicate == null || !ack) {
            return blocks;
        }
        List<TcpOption.SackBlock> all = new ArrayList<>();
        all.add(duplicate);
        all.addAll(blocks);
        duplicate = null;
        return all;
    }
}
