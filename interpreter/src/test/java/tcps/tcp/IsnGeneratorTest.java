package tcps.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** RFC 9293 3.4.1 ISN selection, as the two generators tcps models do it. */
class IsnGeneratorTest {
    private static final TcpAddress A = new TcpAddress(Ipv4.parse("10.0.0.2").orElseThrow(), 1023);
    private static final TcpAddress B = new TcpAddress(Ipv4.parse("10.0.0.1").orElseThrow(), 513);
    private static final TcpAddress C = new TcpAddress(Ipv4.parse("10.0.0.66").orElseThrow(), 40000);

    @Test
    void bsdCounterAdds64000PerConnection() {
        BsdIsnCounter bsd = new BsdIsnCounter(1);
        assertEquals(SeqNum.of(1), bsd.next(B, A, 0));
        assertEquals(SeqNum.of(64_001), bsd.next(B, C, 0));
        assertEquals(SeqNum.of(128_001), bsd.next(B, A, 0));
    }

    @Test
    void bsdCounterAdds64000PerHalfSecondTick() {
        BsdIsnCounter bsd = new BsdIsnCounter(1);
        assertEquals(SeqNum.of(1), bsd.next(B, A, 0));
        // 1.2 s later: two whole ticks, 128,000, plus this connection's 64,000 from the one before
        assertEquals(SeqNum.of(1 + 64_000 + 128_000), bsd.next(B, A, 1_200_000));
        // 0.3 s more makes a third tick (1.5 s)
        assertEquals(SeqNum.of(1 + 2 * 64_000 + 3 * 64_000), bsd.next(B, A, 1_500_000));
    }

    @Test
    void bsdCounterWrapsModulo2To32() {
        BsdIsnCounter bsd = new BsdIsnCounter(0xffffffffL - 10);
        bsd.next(B, A, 0);
        assertEquals(SeqNum.of(64_000 - 11), bsd.next(B, A, 0));
    }

    @Test
    void rfc6528IsAKeyedHashOfTheFourTuplePlusA4MicrosecondClock() {
        Rfc6528Isn isn = new Rfc6528Isn(42);
        SeqNum first = isn.next(B, A, 0);
        assertEquals(first.plus(250_000), isn.next(B, A, 1_000_000), "M advances once per 4 µs");
        assertNotEquals(first, isn.next(B, C, 0), "another 4-tuple, another F");
        assertNotEquals(first, new Rfc6528Isn(43).next(B, A, 0), "another key (another --seed), another F");
        assertEquals(first, new Rfc6528Isn(42).next(B, A, 0), "the same key and tuple: reproducible");
    }
}
