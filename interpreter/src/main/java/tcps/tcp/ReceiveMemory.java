package tcps.tcp;

import static tcps.tcp.Parameters.HELD_TEXT_SHRINKS_WINDOW;
import static tcps.tcp.Parameters.RCV_SEGMENT_OVERHEAD;
import static tcps.tcp.Parameters.RCV_SPACE;

/**
 * A connection's receive-side space: RCV.BUFF less what waits unread and (as the profile says)
 * what is held out of order; and, with {@link Parameters#RCV_SEGMENT_OVERHEAD}, Linux's memory
 * accounting, where each waiting segment is charged its memory and the free space is scaled by
 * how much of that memory has been text (tp->scaling_ratio, tcp_space, tcp_full_space). The
 * {@link ReceiveWindow} policy decides the window from these figures; {@link Tcb} asks here.
 * Free of allocation: asked for every segment sent and received.
 */
final class ReceiveMemory {
    /** Linux TCP_RMEM_TO_WIN_SCALE: the scaling ratio is in 256ths. */
    private static final int SCALING_SHIFT = 8;

    private final Profile profile;
    private final ReceiveQueue queue;
    /** RCV.BUFF: the initial receive window. */
    private final long rcvBuff;
    /**
     * Linux tp->scaling_ratio: how much of the receive buffer's memory is text, in 256ths; half
     * (TCP_DEFAULT_SCALING_RATIO) until a segment is measured.
     */
    private int scalingRatio = 1 << (SCALING_SHIFT - 1);

    ReceiveMemory(Profile profile, ReceiveQueue queue, long rcvBuff) {
        this.profile = profile;
        this.queue = queue;
        this.rcvBuff = rcvBuff;
    }

    /** RCV.BUFF less what waits unread and what is held out of order. */
    long free() {
        long held = profile.get(HELD_TEXT_SHRINKS_WINDOW) ? queue.heldBytes() : 0;
        return Math.max(0, rcvBuff - queue.unread() - held);
    }

    /**
     * Linux tcp_measure_rcv_mss: a segment of at least the receive MSS, but not of exactly it,
     * sets the text-to-memory ratio from its own text and memory (tp->scaling_ratio), when the
     * profile charges segments their memory.
     */
    void measure(int segmentLength, int rcvMss) {
        long overhead = profile.get(RCV_SEGMENT_OVERHEAD);
        if (overhead > 0 && segmentLength >= rcvMss && segmentLength != rcvMss) {
            scalingRatio = (int) Math.max(1, ((long) segmentLength << SCALING_SHIFT) / (segmentLength + overhead));
        }
    }

    /**
     * The free space the window policy decides from: {@link #free} in text, or with
     * rcv_segment_overhead Linux's tcp_space, the free memory of a buffer of twice RCV.BUFF
     * charged with each waiting segment's memory, scaled by the text-to-memory ratio.
     */
    long windowFree() {
        int overhead = (int) profile.get(RCV_SEGMENT_OVERHEAD);
        if (overhead <= 0) {
            return free();
        }
        return Math.max(0, memory() - queue.memory(overhead)) * scalingRatio >> SCALING_SHIFT;
    }

    /** The whole space the window may offer: RCV.BUFF, or Linux's tcp_full_space of that buffer. */
    long windowAllowed() {
        if (profile.get(RCV_SEGMENT_OVERHEAD) <= 0) {
            return rcvBuff;
        }
        return memory() * scalingRatio >> SCALING_SHIFT;
    }

    /**
     * Linux's sk_rcvbuf: twice the space asked for (SO_RCVBUF doubled; tcp_rmem[1] is twice the
     * 65535 it offers), before the SYN rounded the window to the MSS.
     */
    private long memory() {
        return 2 * Math.max(rcvBuff, profile.get(RCV_SPACE));
    }
}
