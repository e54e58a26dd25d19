package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Linux's receive window selection (__tcp_select_window, tcp_select_window) rule by rule, and
 * the receive buffer's memory as Linux charges it (sk_rmem_alloc).
 */
class ReceiveWindowTest {
    private static final ReceiveWindow LINUX = new ReceiveWindow.Linux();

    /** A space with a 1 KiB SO_RCVBUF after 576-byte segments: 936 bytes of window in all. */
    private static ReceiveWindow.Space small(long free, long offered, long advertised) {
        return new ReceiveWindow.Space(free, offered, advertised, 936, 1152, 0, 576, 65483, 65483);
    }

    @Test
    void withoutAScaleTheWindowIsAMultipleOfTheReceiveMss() {
        // captures/small-buffer-reopen: an empty buffer worth 936 bytes offers 576, not 936
        assertEquals(576, LINUX.offer(small(936, 0, 0)));
    }

    @Test
    void aWindowWithinOneMssBelowTheFreeSpaceIsKept() {
        assertEquals(500, LINUX.offer(new ReceiveWindow.Space(900, 0, 500, 1800, 1800, 0, 576, 65483, 65483)));
        // one MSS or more below it is rounded again
        assertEquals(576, LINUX.offer(new ReceiveWindow.Space(1000, 0, 400, 1800, 1800, 0, 576, 65483, 65483)));
    }

    @Test
    void belowOneMssWithLessThanHalfTheBufferFreeNothingIsOfferedButNothingTakenBack() {
        // one 576-byte segment waits: 364 bytes' worth free
        assertEquals(0, LINUX.offer(small(364, 0, 0)));
        assertEquals(456, LINUX.offer(small(364, 456, 576)), "the window offered is not taken back");
    }

    @Test
    void aScaledWindowIsAtMostRcvSsthreshRoundedUpToTheScale() {
        // 94831 bytes free (memory accounting) but rcv_ssthresh 65483: 65536, field 512 at scale 7
        ReceiveWindow.Space s = new ReceiveWindow.Space(94831, 32794, 65536, 127486, 65483, 7, 32741, 65483, 65483);
        assertEquals(65536, LINUX.offer(s));
    }

    @Test
    void aWindowOfOneMssThatIsTheWholeBufferGrowsToTheFreeSpace() {
        // mss == full_space: the free space is offered once it exceeds the window by half the buffer
        assertEquals(1100, LINUX.offer(new ReceiveWindow.Space(1100, 0, 500, 1152, 1152, 0, 1152, 65483, 65483)));
    }

    @Test
    void aPartlyReadSegmentKeepsItsMemoryUntilReadToTheEnd() {
        ReceiveQueue q = new ReceiveQueue();
        q.deliver(new byte[576], false);
        q.deliver(new byte[576], false);
        assertEquals(2 * (576 + 832), q.memory(832));
        q.read(1000);
        assertEquals(576 + 832, q.memory(832), "152 bytes unread still hold their segment's 1408");
        q.read(152);
        assertEquals(0, q.memory(832));
        q.hold(SeqNum.of(5000), new byte[100], false);
        assertEquals(100 + 832, q.memory(832), "held segments are charged too");
    }
}
