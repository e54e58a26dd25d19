package tcps.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tcps.syntax.Source;

/** The benchmark scripts parse and check at every size they are made at, 10 GB included. */
class WorkloadsTest {
    @Test
    void transfersOfAnySizeAreScriptsThatCheck() {
        for (long bytes : new long[] {1, 1_000_000_000L, 0xffff_ffffL, 0x1_0000_0000L, 10_000_000_000L,
            10_000_000_001L}) {
            assertEquals(1, Pipeline.plans(new Source("t.tcps", Workloads.transfer(bytes, 1460))).size(), "" + bytes);
            assertEquals(1, Pipeline.plans(new Source("t.tcps", Workloads.transferAfterLoss(bytes, 1460))).size());
        }
        assertEquals("10000 * 1000000", Workloads.count(10_000_000_000L));
        assertEquals("10000 * 1000000 + 1", Workloads.count(10_000_000_001L));
        assertEquals("4294967295", Workloads.count(0xffff_ffffL));
    }
}
