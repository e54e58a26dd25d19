package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code tcps run --format json} writes what docs/tcps-run.schema.json says, for every scenario
 * in scenarios/, and the numbers in it are the run's.
 */
class JsonFormatTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try {
            String text = Files.readString(ROOT.resolve("docs/tcps-run.schema.json"), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioWritesValidJson() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("scenarios"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".tcps")).sorted().toList()) {
                String name = ROOT.relativize(p).toString().replace('\\', '/');
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    CliRun run = CliRun.separate(ROOT, "run", "--format", "json", name);
                    assertEquals("", run.err());
                    List<Error> errors = SCHEMA.validate(run.out(), InputFormat.JSON);
                    assertTrue(errors.isEmpty(), () -> name + ": " + errors);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theSchemaRejectsWhatItDoesNotDescribe() {
        String json = CliRun.separate(ROOT, "run", "--format", "json", "scenarios/one-liner.tcps").out();
        assertTrue(SCHEMA.validate(json, InputFormat.JSON).isEmpty());
        assertFalse(SCHEMA.validate(json.replace("\"afterSegments\"", "\"after\""), InputFormat.JSON).isEmpty(),
                "an event without afterSegments");
        assertFalse(SCHEMA.validate(json.replace("\"version\": 1", "\"version\": 2"), InputFormat.JSON).isEmpty());
    }

    @Test
    void seed003sExchangeReadsAsTheSeedCountsIt() throws Exception {
        CliRun run = CliRun.separate(ROOT, "run", "--format", "json", "scenarios/seed-003-sequence-numbers.tcps");
        assertEquals(0, run.exit());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        JsonNode scenario = doc.get("scenarios").get(0);
        List<String> labels = new ArrayList<>();
        scenario.get("segments").forEach(s -> labels.add(s.get("from").asString() + " " + s.get("label").asString()));
        assertEquals(List.of("client [S] seq 0", "server [S.] seq 0 ack 1", "client [.] ack 1",
                "client [P.] seq 1:14 ack 1 len 13", "server [.] ack 14", "server [P.] seq 1:12 ack 14 len 11",
                "client [.] ack 12", "server [F.] seq 12 ack 14", "client [F.] seq 14 ack 13", "server [.] ack 15"),
                labels);
        assertEquals(12, doc.get("passed").asInt());
        assertEquals(0, doc.get("failed").asInt());
        JsonNode lastTcb = null;
        for (JsonNode e : scenario.get("events")) {
            if (e.get("type").asString().equals("tcb") && e.get("endpoint").asString().equals("server")) {
                lastTcb = e;
            }
        }
        assertEquals("TIME-WAIT", lastTcb.get("state").asString());
        long iss = lastTcb.get("iss").asLong();
        assertEquals((iss + 13) & 0xffffffffL, lastTcb.get("sndNxt").asLong(), "SYN + 11 bytes + FIN");
    }

    @Test
    void aFailedAssertionIsInTheDocumentWithItsPlace() throws Exception {
        CliRun run = CliRun.separate(ROOT, "run", "--format", "json", "scenarios/fails-on-purpose.tcps");
        assertEquals(1, run.exit());
        JsonNode failure = new ObjectMapper().readTree(run.out()).get("scenarios").get(0).get("failures").get(0);
        assertEquals(11, failure.get("line").asInt());
        assertEquals(40, failure.get("column").asInt());
        assertEquals(1, failure.get("segment").asInt());
        assertTrue(failure.get("text").asString().contains("^^^^^^^"));
    }

    @Test
    void optionsOfTheTextTranscriptAreRefused() {
        for (String option : List.of("-A", "-v", "-t")) {
            CliRun run = CliRun.separate(ROOT, "run", "--format", "json", option, "scenarios/one-liner.tcps");
            assertEquals(ExitCode.USAGE, run.exit(), option);
            assertTrue(run.err().contains(option + " shapes the text transcript; --format json already holds every "
                    + "event and time"), run.err());
        }
        CliRun bad = CliRun.separate(ROOT, "run", "--format", "xml", "scenarios/one-liner.tcps");
        assertEquals(ExitCode.USAGE, bad.exit());
        assertTrue(bad.err().contains("xml"), bad.err());
    }

    @Test
    void jsonCutByMaxOutputStaysValidAndSaysSo() throws Exception {
        String whole = CliRun.separate(ROOT, "run", "--format", "json", "scenarios/seed-003-sequence-numbers.tcps",
                "scenarios/one-liner.tcps").out();
        for (String limit : List.of("1", "600", "3000", "12000")) {
            CliRun run = CliRun.separate(ROOT, "run", "--format", "json", "--max-output", limit,
                    "scenarios/seed-003-sequence-numbers.tcps", "scenarios/one-liner.tcps");
            List<Error> errors = SCHEMA.validate(run.out(), InputFormat.JSON);
            assertTrue(errors.isEmpty(), () -> limit + ": " + errors + "\n" + run.out());
            assertEquals(1, run.exit(), "a report cut short fails the run");
            assertTrue(run.err().contains("the limit of a run (--max-output); the segments, events, failures and "
                    + "scenarios past it were left out, and the document says \"truncated\""), run.err());
            JsonNode doc = new ObjectMapper().readTree(run.out());
            assertEquals(Integer.parseInt(limit), doc.get("truncated").get("limit").asInt());
            assertEquals(13, doc.get("passed").asInt(), "the totals still count every scenario run");
            // what is there is what the whole document has, in order: a prefix of each list
            JsonNode all = new ObjectMapper().readTree(whole);
            int kept = doc.get("scenarios").size();
            assertEquals(2 - kept, doc.get("truncated").get("scenariosLeftOut").asInt());
            for (int i = 0; i < kept; i++) {
                JsonNode s = doc.get("scenarios").get(i);
                for (String list : List.of("segments", "events", "failures")) {
                    for (int k = 0; k < s.get(list).size(); k++) {
                        assertEquals(all.get("scenarios").get(i).get(list).get(k), s.get(list).get(k), list);
                    }
                }
            }
            // within the limit, but for the members that close what was opened
            assertTrue(run.out().getBytes(StandardCharsets.UTF_8).length < Integer.parseInt(limit) + 1200,
                    limit + ": " + run.out().length());
        }
        JsonNode first = new ObjectMapper().readTree(CliRun.separate(ROOT, "run", "--format", "json", "--max-output",
                "3000", "scenarios/seed-003-sequence-numbers.tcps", "scenarios/one-liner.tcps").out());
        assertTrue(first.get("scenarios").get(0).get("truncated").asBoolean());
        assertTrue(first.get("scenarios").get(0).get("segments").size() > 0);
        CliRun enough = CliRun.separate(ROOT, "run", "--format", "json", "--max-output", "1MiB",
                "scenarios/seed-003-sequence-numbers.tcps", "scenarios/one-liner.tcps");
        assertEquals(whole, enough.out(), "a limit not reached changes nothing");
        assertEquals("", enough.err());
    }
}
