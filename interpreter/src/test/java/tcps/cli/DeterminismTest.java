package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same script and seed print the same bytes whether run alone, among a thousand other files
 * in one run, or on several threads at once: a run keeps nothing outside itself, so a grader
 * can run a class's submissions together, in parallel, and each student sees what they would
 * see alone.
 */
class DeterminismTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final String SEED = "7";
    private static final List<String> STATEMENTS = List.of(
            "client connect", "client close", "server close", "client write 3000", "server write 7",
            "server read", "wait 1s", "wait 70s", "drop next", "duplicate next", "reorder next", "loss 20%",
            "link delay 5ms", "expect SYN", "expect ACK", "expect client state ESTABLISHED",
            "expect nothing for 1s", "client abort", "server stops reading", "corrupt next");

    @TempDir
    Path dir;

    /** What {@code tcps run --seed 7 FILE} prints for one file alone. */
    private String alone(String file) {
        CliRun r = CliRun.separate(dir, "run", "--seed", SEED, file);
        assertTrue(r.exit() <= ExitCode.FAILED, () -> file + ": " + r.err());
        return r.out();
    }

    /**
     * What a file's part of a run of several looks like, made from its run alone: the closing
     * line goes, and a file of bare statements gets the header `== FILE` it gets among others.
     */
    private static String section(String file, String alone) {
        String body = alone.substring(0, alone.lastIndexOf('\n', alone.length() - 2) + 1);
        body = body.endsWith("\n\n") ? body.substring(0, body.length() - 1) : body;
        return alone.startsWith("== scenario") ? body : "== " + file + "\n" + body;
    }

    @Test
    void aScriptPrintsTheSameAloneAmongAThousandFilesAndOnSeveralThreads() throws Exception {
        // The project's scenarios, then small scripts drawn from a fixed seed, to make 1000 files.
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("scenarios"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".tcps")).sorted().toList()) {
                files.put("s-" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        SplittableRandom random = new SplittableRandom(99);
        for (int i = files.size(); i < 1000; i++) {
            StringBuilder script = new StringBuilder();
            for (int j = 0, n = 2 + random.nextInt(8); j < n; j++) {
                script.append(STATEMENTS.get(random.nextInt(STATEMENTS.size()))).append('\n');
            }
            files.put(String.format("r%04d.tcps", i), script.toString());
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        // Every scenario of the project, and every 25th drawn script: alone, each in a fresh run.
        List<String> sample = new ArrayList<>();
        int k = 0;
        for (String name : files.keySet()) {
            if (name.startsWith("s-") || k++ % 25 == 0) {
                sample.add(name);
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : sample) {
            expected.put(name, alone(name));
        }

        // Among a thousand: one run of every file; each sampled file's part is what it printed alone.
        List<String> args = new ArrayList<>(List.of("run", "--seed", SEED));
        args.addAll(files.keySet());
        CliRun all = CliRun.separate(dir, args.toArray(String[]::new));
        assertTrue(expected.values().stream().mapToInt(String::length).sum() > 50_000, "the sample prints transcripts");
        for (String name : sample) {
            String part = section(name, expected.get(name));
            assertTrue(all.out().contains(part), () -> name + " printed differently among 1000 files; alone:\n" + part);
        }

        // On four threads, each file three times, in a different order on each thread.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> runs = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<String> shuffled = new ArrayList<>(sample);
                java.util.Collections.shuffle(shuffled, new java.util.Random(round));
                for (String name : shuffled) {
                    order.add(name);
                    runs.add(pool.submit(() -> CliRun.separate(dir, "run", "--seed", SEED, name).out()));
                }
            }
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(expected.get(order.get(i)), runs.get(i).get(), order.get(i) + " on a thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
