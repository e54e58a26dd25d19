package tcps.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tcps.tcp.Ipv4;
import tcps.tcp.SeqNum;
import tcps.tcp.Segment;
import tcps.tcp.TcpAddress;
import tcps.tcp.TcpFlags;

/** The network on its own, with two scripted endpoints: delays, capture, faults and settling. */
class NetworkTest {
    private final TcpAddress a = new TcpAddress(Ipv4.LOOPBACK, 40000);
    private final TcpAddress b = new TcpAddress(Ipv4.LOOPBACK, 5001);
    private final Network net = new Network(10);
    private final ScriptedEndpoint alice = new ScriptedEndpoint(a, SeqNum.of(1000), 65535);
    private final ScriptedEndpoint bob = new ScriptedEndpoint(b, SeqNum.of(5000), 65535);

    NetworkTest() {
        net.addScripted(alice);
        net.addScripted(bob);
    }

    private Captured send(ScriptedEndpoint from, ScriptedEndpoint to, int flags, String data) {
        Segment s = new Segment(from.address(), to.address(), from.sndNxt(),
                from.rcvNxt() == null ? SeqNum.of(0) : from.rcvNxt(), flags, 65535, 0, List.of(), data.getBytes());
        return net.send(from, s);
    }

    @Test
    void aSegmentIsCapturedWhenSentAndArrivesOneDelayLater() {
        Captured c = send(alice, bob, TcpFlags.SYN, "");
        assertEquals(0, c.time());
        assertEquals(Captured.Fate.IN_FLIGHT, c.fate());
        assertEquals(10, net.nextEventTime());
        net.settle(c);
        assertEquals(Captured.Fate.DELIVERED, c.fate());
        assertEquals(10, c.arrival());
        assertEquals(10, net.now());
        assertEquals(SeqNum.of(1001), bob.rcvNxt(), "bob counts the SYN as a person would");
    }

    @Test
    void bookkeepingAdvancesPastSynFinAndData() {
        send(alice, bob, TcpFlags.SYN, "");
        assertEquals(SeqNum.of(1001), alice.sndNxt());
        send(alice, bob, TcpFlags.PSH | TcpFlags.ACK, "hello");
        assertEquals(SeqNum.of(1006), alice.sndNxt());
        send(alice, bob, TcpFlags.FIN | TcpFlags.ACK, "");
        assertEquals(SeqNum.of(1007), alice.sndNxt());
        net.runUntil(100);
        assertEquals(SeqNum.of(1007), bob.rcvNxt());
    }

    @Test
    void outOfOrderDataDoesNotMoveTheAckAPersonWouldGive() {
        send(alice, bob, TcpFlags.SYN, "");
        net.runUntil(100);
        Segment ahead = new Segment(a, b, SeqNum.of(1011), SeqNum.of(0), TcpFlags.ACK, 65535, 0, List.of(), new byte[5]);
        net.settle(net.send(alice, ahead));
        assertEquals(SeqNum.of(1001), bob.rcvNxt());
    }

    @Test
    void dropNextLosesTheNextMatchingSegmentButItIsStillCaptured() {
        net.dropNext(s -> s.has(TcpFlags.SYN), 1);
        Captured first = send(alice, bob, TcpFlags.SYN, "");
        Captured second = send(alice, bob, TcpFlags.SYN, "");
        assertEquals(Captured.Fate.DROPPED, first.fate());
        assertEquals(Captured.Fate.IN_FLIGHT, second.fate());
        assertEquals(2, net.capture().size());
        assertEquals(0, net.pendingFaults(), "a spent fault is disarmed");
    }

    @Test
    void anInterruptedThreadStopsStepping() {
        Captured c = send(alice, bob, TcpFlags.SYN, "");
        Thread.currentThread().interrupt();
        try {
            BudgetExceeded e = org.junit.jupiter.api.Assertions.assertThrows(BudgetExceeded.class, () -> net.settle(c));
            assertEquals(BudgetExceeded.Kind.INTERRUPTED, e.kind());
            assertEquals(Captured.Fate.IN_FLIGHT, c.fate(), "nothing more happened");
            assertEquals(0, net.now());
        } finally {
            assertTrue(Thread.interrupted(), "the flag is left for the thread's owner to see");
        }
        net.settle(c); // the flag cleared, the network goes on
        assertEquals(Captured.Fate.DELIVERED, c.fate());
    }

    @Test
    void aFaultWithACountTakesThatManyAndOnlyMatchingOnes() {
        net.dropNext(s -> s.src().equals(b), 2);
        Captured fromAlice = send(alice, bob, TcpFlags.SYN, "");
        Captured one = send(bob, alice, TcpFlags.SYN, "");
        Captured two = send(bob, alice, TcpFlags.SYN, "");
        Captured three = send(bob, alice, TcpFlags.SYN, "");
        assertEquals(List.of(Captured.Fate.IN_FLIGHT, Captured.Fate.DROPPED, Captured.Fate.DROPPED,
                Captured.Fate.IN_FLIGHT), List.of(fromAlice.fate(), one.fate(), two.fate(), three.fate()));
    }

    @Test
    void runUntilProcessesEverythingDueAndSetsTheClock() {
        Captured c = send(alice, bob, TcpFlags.SYN, "");
        net.runUntil(5);
        assertEquals(Captured.Fate.IN_FLIGHT, c.fate(), "not due yet");
        assertEquals(5, net.now());
        net.runUntil(60_000_000);
        assertEquals(Captured.Fate.DELIVERED, c.fate());
        assertEquals(60_000_000, net.now());
    }

    @Test
    void arrivalsAtTheSameInstantKeepTheirSendingOrder() {
        Captured first = send(alice, bob, TcpFlags.SYN, "");
        Captured second = send(bob, alice, TcpFlags.SYN, "");
        assertTrue(net.step(Long.MAX_VALUE));
        assertEquals(Captured.Fate.DELIVERED, first.fate());
        assertEquals(Captured.Fate.IN_FLIGHT, second.fate());
    }

    @Test
    void settleInFlightDeliversWhatIsOnTheWireAndNothingLater() {
        Captured c = send(alice, bob, TcpFlags.SYN, "");
        net.setLinkDelay(1000);
        Captured later = send(bob, alice, TcpFlags.SYN, "");
        net.settleInFlight();
        assertEquals(Captured.Fate.DELIVERED, c.fate());
        assertEquals(Captured.Fate.DELIVERED, later.fate());
        assertEquals(1000, net.now());
        assertFalse(net.step(Long.MAX_VALUE), "nothing left to happen");
    }

    @Test
    void aSegmentToAnAddressNobodyHoldsIsUndeliverable() {
        Segment s = new Segment(a, new TcpAddress(Ipv4.parse("10.9.9.9").orElseThrow(), 80), alice.sndNxt(),
                SeqNum.of(0), TcpFlags.SYN, 65535, 0, List.of(), new byte[0]);
        Captured c = net.send(alice, s);
        net.settle(c);
        assertEquals(Captured.Fate.UNDELIVERABLE, c.fate());
    }

    @Test
    void delayNextAddsToTheLinkDelay() {
        net.arm(new Fault(s -> true, new Fault.Action.Delay(200_000), 1));
        Captured late = send(alice, bob, TcpFlags.SYN, "");
        Captured normal = send(bob, alice, TcpFlags.SYN, "");
        net.settle(normal);
        assertEquals(Captured.Fate.IN_FLIGHT, late.fate());
        net.settle(late);
        assertEquals(200_010, late.arrival());
        assertTrue(late.fault().action() instanceof Fault.Action.Delay);
    }

    @Test
    void duplicateNextArrivesTwiceButIsSentOnce() {
        send(alice, bob, TcpFlags.SYN, "");
        net.runUntil(100);
        net.arm(new Fault(s -> true, new Fault.Action.Duplicate(), 1));
        Captured c = send(alice, bob, TcpFlags.PSH | TcpFlags.ACK, "abc");
        assertEquals(2, net.capture().size());
        assertTrue(net.step(Long.MAX_VALUE));
        assertTrue(net.step(Long.MAX_VALUE), "the copy arrives too");
        assertFalse(net.step(Long.MAX_VALUE));
        assertEquals(Captured.Fate.DELIVERED, c.fate());
    }

    @Test
    void reorderNextThreeDeliversThemInReverseOrder() {
        send(alice, bob, TcpFlags.SYN, "");
        net.runUntil(100);
        net.arm(new Fault(s -> s.src().equals(a), new Fault.Action.Reorder(), 2));
        Captured first = send(alice, bob, TcpFlags.ACK, "a");
        net.settle(first);
        assertEquals(Captured.Fate.IN_FLIGHT, first.fate(), "held: settling does not wait for it");
        Captured reply = send(bob, alice, TcpFlags.ACK, "");
        Captured second = send(alice, bob, TcpFlags.ACK, "b");
        assertEquals(Captured.Fate.IN_FLIGHT, first.fate());
        Captured third = send(alice, bob, TcpFlags.ACK, "c");
        List<Captured> arrived = new java.util.ArrayList<>();
        while (net.step(Long.MAX_VALUE)) {
            for (Captured c : List.of(first, second, third)) {
                if (c.fate() == Captured.Fate.DELIVERED && !arrived.contains(c)) {
                    arrived.add(c);
                }
            }
        }
        assertEquals(List.of(third, second, first), arrived);
        assertEquals(Captured.Fate.DELIVERED, reply.fate());
    }

    @Test
    void aCorruptedSegmentArrivesAndIsDiscarded() {
        net.arm(new Fault(s -> true, new Fault.Action.Corrupt(), 1));
        Captured c = send(alice, bob, TcpFlags.SYN, "");
        net.settle(c);
        assertEquals(Captured.Fate.CORRUPTED, c.fate());
        assertEquals(null, bob.rcvNxt(), "the receiver never saw it");
    }

    @Test
    void lossIsDrawnFromTheSeedSoRunsRepeat() {
        List<Captured.Fate> first = lossyRun(42);
        assertEquals(first, lossyRun(42));
        long dropped = first.stream().filter(f -> f == Captured.Fate.DROPPED).count();
        assertTrue(dropped > 10 && dropped < 40, "about a quarter of 100 lost, was " + dropped);
    }

    private static List<Captured.Fate> lossyRun(long seed) {
        NetworkTest t = new NetworkTest();
        t.net.setLoss(0.25, seed);
        List<Captured> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(t.send(t.alice, t.bob, TcpFlags.ACK, ""));
        }
        return sent.stream().map(Captured::fate).toList();
    }
}
