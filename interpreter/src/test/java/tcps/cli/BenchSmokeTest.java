package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tcps.bench.Suite;

/**
 * The benchmark harness runs and reports, at tiny sizes ({@code --quick}). Nothing here judges
 * speed: the figures of a quick run mean nothing, and the targets are met in docs/performance.md.
 */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void theSuiteRunsEveryBenchmarkAndNamesItsTarget() {
        CliRun r = CliRun.separate(dir, "bench", "--suite", "--quick");
        assertEquals(0, r.exit(), r.err());
        for (String name : Suite.NAMES) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("(target ")),
                    () -> name + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("load average"), r.out());
    }

    @Test
    void theGrowthTestDoublesEverySizeAndPrintsTheRatios() {
        CliRun r = CliRun.separate(dir, "bench", "--growth", "--quick");
        assertEquals(0, r.exit(), r.err());
        for (String what : new String[] {"bytes transferred", "statements: expect segment", "statements: fault",
            "scenarios in a file", "files in one run"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(what) && l.matches(".* \\d+\\.\\d\\d +\\d+\\.\\d\\d  .*")),
                    () -> what + " missing from\n" + r.out());
        }
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() {
        CliRun r = CliRun.separate(dir, "bench", "--suite", "nonsense");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("no benchmark named nonsense; the benchmarks are syn-timeout"), r.err());
    }

    @Test
    void filesAndTheSuiteDoNotMix() {
        CliRun r = CliRun.separate(dir, "bench", "--suite", "x.tcps");
        assertEquals(ExitCode.USAGE, r.exit());
    }
}
