package tcps.tcp;

import static tcps.tcp.Parameters.ADVERTISE_FREE_SPACE;
import static tcps.tcp.Parameters.ROUND_WINDOW_UP;

/**
 * How a receiver chooses the window it advertises: receiver silly-window-syndrome avoidance
 * (RFC 9293 3.8.6.2.2, RFC 1122 4.2.3.3) as each stack does it. The window offered is never
 * taken back (RFC 7323 2.4): every policy offers at least what it offered before.
 */
interface ReceiveWindow {
    /**
     * What the receiver knows when it forms a segment.
     *
     * @param free        the free receive space: RCV.BUFF less unread and out-of-order text (Linux
     *                    tcp_space: the free buffer memory scaled to text)
     * @param offered     RCV.WND: what the last segment offered beyond RCV.NXT
     * @param advertised  the window the last segment advertised, from its own RCV.NXT (Linux
     *                    tp->rcv_wnd)
     * @param allowed     the whole buffer as text (Linux tcp_full_space); RCV.BUFF when text is
     *                    all the buffer counts
     * @param rcvBuff     RCV.BUFF (Linux's rcv_ssthresh: the most the window offers)
     * @param shift       our window scale
     * @param rcvMss      the largest segment seen from the peer (Linux icsk_ack.rcv_mss)
     * @param peerSendMss the largest segment the peer may send (our MSS option, less options)
     * @param sendMss     the largest segment we send (BSD's t_maxseg)
     */
    record Space(long free, long offered, long advertised, long allowed, long rcvBuff, int shift, int rcvMss,
            int peerSendMss, int sendMss) {}

    /** How far beyond RCV.NXT the right edge goes, in bytes; the window field is this shifted. */
    long offer(Space s);

    /**
     * Whether the edge stays exactly {@link #offer} bytes beyond RCV.NXT (BSD's rcv_adv) rather
     * than where the shifted window field puts it.
     */
    default boolean edgeInBytes() {
        return false;
    }

    static ReceiveWindow of(Profile profile) {
        if (profile.get(ADVERTISE_FREE_SPACE)) {
            return new FreeSpace();
        }
        return profile.get(ROUND_WINDOW_UP) ? new Linux() : new Rfc();
    }

    private static long roundUp(long n, long granule) {
        return (n + granule - 1) / granule * granule;
    }

    /** The offered window is never taken back. */
    private static long atLeastOffered(long bytes, Space s) {
        return bytes < s.offered() ? roundUp(s.offered(), 1L << s.shift()) : bytes;
    }

    /** RFC 9293 3.8.6.2.2: the right edge moves only by min(RCV.BUFF / 2, Eff.snd.MSS) or more. */
    final class Rfc implements ReceiveWindow {
        @Override
        public long offer(Space s) {
            long bytes = s.free() - s.offered() >= Math.min(s.rcvBuff() / 2, s.peerSendMss()) ? s.free() : s.offered();
            return atLeastOffered(bytes, s);
        }
    }

    /**
     * Linux __tcp_select_window (6.x, tcp_shrink_window off) and tcp_select_window's refusal to
     * shrink: with less than half the buffer free, the free space rounded down to the scale, and
     * no window at all below one receive MSS or 1/16 of the buffer (receiver SWS avoidance);
     * at most rcv_ssthresh (here RCV.BUFF); with a window scale, rounded up to its granularity
     * (65483 bytes at scale 7 advertise 512); without one, a multiple of the receive MSS unless
     * the window last advertised is within one MSS below the free space, when it is kept
     * (captures/small-buffer-reopen: 936 free bytes with 576-byte segments offer 576).
     */
    final class Linux implements ReceiveWindow {
        @Override
        public long offer(Space s) {
            long granule = 1L << s.shift();
            long full = s.allowed();
            long mss = Math.min(s.rcvMss(), full);
            if (mss <= 0) {
                return atLeastOffered(0, s);
            }
            long free = s.free();
            if (free < full / 2) {
                free = free / granule * granule;
                if (free < s.allowed() / 16 || free < mss) {
                    return atLeastOffered(0, s);
                }
            }
            free = Math.min(free, s.rcvBuff());
            long window;
            if (s.shift() > 0) {
                window = roundUp(free, granule);
            } else {
                window = s.advertised();
                if (window <= free - mss || window > free) {
                    window = free / mss * mss;
                } else if (mss == full && free > window + full / 2) {
                    window = free;
                }
            }
            return atLeastOffered(window, s);
        }
    }

    /**
     * BSD tcp_output: "Calculate receive window. Don't shrink window, but avoid silly window
     * syndrome." The window is the free space, none when less than a quarter of the buffer and
     * less than a segment are free, at most what the scale can say, never less than already
     * offered. The edge (rcv_adv) moves to RCV.NXT plus that many bytes; only the field is
     * shifted, so 408300 free bytes at scale 6 advertise 6379, and still 6379 after 7 more bytes
     * arrived (seed 000's macOS listing).
     */
    final class FreeSpace implements ReceiveWindow {
        @Override
        public long offer(Space s) {
            long bytes = s.free();
            if (s.free() < s.rcvBuff() / 4 && s.free() < s.sendMss()) {
                bytes = 0;
            }
            bytes = Math.min(bytes, (long) 0xffff << s.shift());
            return Math.max(bytes, s.offered());
        }

        @Override
        public boolean edgeInBytes() {
            return true;
        }
    }
}
