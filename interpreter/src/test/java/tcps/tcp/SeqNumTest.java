package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sequence numbers compare and add modulo 2^32 (RFC 9293 3.4). */
class SeqNumTest {
    private static final SeqNum TOP = SeqNum.of(0xffff_fff0L);

    @Test
    void additionWrapsPastTwoToThe32() {
        assertEquals(0x0000_0010L, TOP.plus(0x20).value());
        assertEquals(0xffff_fffeL, SeqNum.of(3).minus(5).value());
        assertEquals(0L, SeqNum.of(0xffff_ffffL).plus(1).value());
    }

    @Test
    void comparisonsHoldAcrossTheWrap() {
        SeqNum after = TOP.plus(0x20); // 0x10: numerically smaller, yet later
        assertTrue(TOP.lt(after));
        assertTrue(after.gt(TOP));
        assertTrue(TOP.le(TOP));
        assertTrue(TOP.ge(TOP));
        assertFalse(after.lt(TOP));
    }

    @Test
    void halfTheSpaceAheadIsAhead() {
        SeqNum a = SeqNum.of(5);
        assertTrue(a.lt(a.plus(0x7fff_ffffL)));
        assertTrue(a.gt(a.minus(0x7fff_ffffL)));
    }

    @Test
    void windowTestIsHalfOpenAcrossTheWrap() {
        SeqNum lo = TOP;
        SeqNum hi = TOP.plus(0x40);
        assertTrue(lo.inWindow(lo, hi));
        assertTrue(SeqNum.of(0).inWindow(lo, hi));
        assertTrue(hi.minus(1).inWindow(lo, hi));
        assertFalse(hi.inWindow(lo, hi));
        assertFalse(lo.minus(1).inWindow(lo, hi));
        assertFalse(SeqNum.of(5).inWindow(lo, lo), "an empty window holds nothing");
    }

    @Test
    void distancesAndRelativeOffsetsAcrossTheWrap() {
        SeqNum after = TOP.plus(0x20);
        assertEquals(0x20, after.distanceFrom(TOP));
        assertEquals(-0x20, TOP.distanceFrom(after));
        assertEquals(0x20L, after.offsetFrom(TOP));
        assertEquals(0xffff_ffe0L, TOP.offsetFrom(after));
    }

    @Test
    void maxIsModular() {
        SeqNum after = TOP.plus(1_000);
        assertEquals(after, SeqNum.max(TOP, after));
        assertEquals(after, SeqNum.max(after, TOP));
    }
}
