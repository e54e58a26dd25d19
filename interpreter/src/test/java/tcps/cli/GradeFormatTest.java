package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each output format of {@code tcps grade}, checked against the schema its platform documents:
 * Gradescope's autograder specification ("Output format"), PrairieLearn's external grading
 * ("Grading results"), JUnit XML as CI systems read it, TAP version 13, and RFC 4180 CSV.
 * The grades are those of exercises/seed-003-numbers: a right, a partly right, a wrong, a broken
 * and a malicious submission, with visible, after-due and feedback-bearing checks.
 */
class GradeFormatTest {
    private static final Path DIR = Path.of(System.getProperty("tcps.root", "..")).resolve("exercises/seed-003-numbers");

    private static CliRun grade(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "grade";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.separate(DIR, all);
    }

    // ---- Gradescope ---------------------------------------------------------------------------

    private static final Set<String> GRADESCOPE_TOP = Set.of("score", "execution_time", "output", "output_format",
            "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
            "leaderboard");
    private static final Set<String> GRADESCOPE_TEST = Set.of("score", "max_score", "status", "name", "name_format",
            "number", "output", "output_format", "tags", "visibility", "extra_data");
    private static final Set<String> VISIBILITIES = Set.of("visible", "hidden", "after_due_date", "after_published");

    @Test
    void gradescopeResultsFollowTheAutograderSpecification() {
        for (String student : List.of("alice", "bob", "carol", "dave", "eve")) {
            CliRun run = grade("--format", "gradescope", "exercise.tcps", "submissions/" + student + ".tcps");
            assertEquals(0, run.exit(), run.err());
            @SuppressWarnings("unchecked")
            Map<String, Object> top = (Map<String, Object>) Json.parse(run.out());
            assertTrue(GRADESCOPE_TOP.containsAll(top.keySet()), "unknown top-level keys: " + top.keySet());
            assertTrue(top.get("score") instanceof Double);
            assertTrue(top.get("output") instanceof String);
            assertTrue(VISIBILITIES.contains(top.get("stdout_visibility")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tests = (List<Map<String, Object>>) top.get("tests");
            assertEquals(3, tests.size());
            double sum = 0;
            for (Map<String, Object> t : tests) {
                assertTrue(GRADESCOPE_TEST.containsAll(t.keySet()), "unknown test keys: " + t.keySet());
                assertTrue(t.get("name") instanceof String);
                double score = (Double) t.get("score");
                double max = (Double) t.get("max_score");
                assertTrue(score >= 0 && score <= max, t.toString());
                assertEquals(score >= max ? "passed" : "failed", t.get("status"));
                assertTrue(VISIBILITIES.contains(t.get("visibility")), t.toString());
                assertTrue(t.get("output") instanceof String);
                assertTrue(t.get("number") instanceof String);
                sum += score;
            }
            assertEquals((Double) top.get("score"), sum, 0.011);
            if (student.equals("bob")) {
                assertEquals("after_due_date", tests.get(2).get("visibility"));
                assertEquals(6.5, (Double) top.get("score"), 1e-9);
            }
        }
    }

    // ---- PrairieLearn -------------------------------------------------------------------------

    private static final Set<String> PL_TOP = Set.of("gradable", "score", "message", "output", "images", "tests",
            "format_errors");
    private static final Set<String> PL_TEST = Set.of("name", "description", "points", "max_points", "message",
            "output", "images");

    @Test
    void prairieLearnResultsFollowTheExternalGradingSchema() {
        for (String student : List.of("alice", "bob", "dave")) {
            CliRun run = grade("--format", "prairielearn", "exercise.tcps", "submissions/" + student + ".tcps");
            assertEquals(0, run.exit(), run.err());
            @SuppressWarnings("unchecked")
            Map<String, Object> top = (Map<String, Object>) Json.parse(run.out());
            assertTrue(PL_TOP.containsAll(top.keySet()), "unknown keys: " + top.keySet());
            assertEquals(true, top.get("gradable"));
            double score = (Double) top.get("score");
            assertTrue(score >= 0 && score <= 1, "score must be in [0, 1]: " + score);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tests = (List<Map<String, Object>>) top.get("tests");
            double points = 0;
            double max = 0;
            for (Map<String, Object> t : tests) {
                assertTrue(PL_TEST.containsAll(t.keySet()), "unknown test keys: " + t.keySet());
                assertTrue(t.get("name") instanceof String && t.get("message") instanceof String
                        && t.get("output") instanceof String && t.get("description") instanceof String);
                points += (Double) t.get("points");
                max += (Double) t.get("max_points");
                assertTrue((Double) t.get("points") <= (Double) t.get("max_points"));
            }
            assertEquals(max == 0 ? 0 : points / max, score, 0.001);
            assertTrue(run.out().length() < 1 << 20, "PrairieLearn reads at most 1 MB");
        }
    }

    // ---- JUnit XML ----------------------------------------------------------------------------

    @Test
    void junitXmlIsOneSuitePerStudentAndOneCasePerCheck() throws Exception {
        CliRun run = grade("--format", "junit", "exercise.tcps", "submissions");
        assertEquals(0, run.exit(), run.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(5, suites.getLength());
        int tests = 0;
        int failures = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            NodeList cases = suite.getElementsByTagName("testcase");
            int failed = 0;
            for (int c = 0; c < cases.getLength(); c++) {
                Element tc = (Element) cases.item(c);
                assertFalse(tc.getAttribute("name").isEmpty());
                assertEquals(suite.getAttribute("name"), tc.getAttribute("classname"));
                NodeList f = tc.getElementsByTagName("failure");
                if (f.getLength() > 0) {
                    failed++;
                    assertFalse(((Element) f.item(0)).getAttribute("message").isEmpty());
                }
            }
            assertEquals(Integer.parseInt(suite.getAttribute("tests")), cases.getLength());
            assertEquals(Integer.parseInt(suite.getAttribute("failures")), failed);
            tests += cases.getLength();
            failures += failed;
        }
        assertEquals(Integer.parseInt(root.getAttribute("tests")), tests);
        assertEquals(Integer.parseInt(root.getAttribute("failures")), failures);
        assertEquals(List.of("alice", "bob", "carol", "dave", "eve"), List.of(
                ((Element) suites.item(0)).getAttribute("name"), ((Element) suites.item(1)).getAttribute("name"),
                ((Element) suites.item(2)).getAttribute("name"), ((Element) suites.item(3)).getAttribute("name"),
                ((Element) suites.item(4)).getAttribute("name")));
    }

    // ---- TAP ----------------------------------------------------------------------------------

    @Test
    void tapIsVersion13WithAPlanAndNumberedPoints() {
        CliRun run = grade("--format", "tap", "exercise.tcps", "submissions");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("TAP version 13", lines[0]);
        Matcher plan = Pattern.compile("1\\.\\.(\\d+)").matcher(lines[1]);
        assertTrue(plan.matches(), lines[1]);
        int n = Integer.parseInt(plan.group(1));
        assertEquals(15, n);
        int expected = 1;
        boolean inYaml = false;
        for (int i = 2; i < lines.length; i++) {
            String l = lines[i];
            if (inYaml) {
                assertTrue(l.startsWith("  "), "a YAML block is indented: " + l);
                inYaml = !l.equals("  ...");
                continue;
            }
            if (l.equals("  ---")) {
                inYaml = true;
                continue;
            }
            if (l.startsWith("#")) {
                continue;
            }
            Matcher point = Pattern.compile("(ok|not ok) (\\d+) - [^#\\n]+").matcher(l);
            assertTrue(point.matches(), "not a test point: " + l);
            assertEquals(expected++, Integer.parseInt(point.group(2)));
        }
        assertEquals(n + 1, expected);
        assertFalse(inYaml);
    }

    // ---- CSV ----------------------------------------------------------------------------------

    @Test
    void csvIsRfc4180AndNeverAFormula(@TempDir Path tmp) throws Exception {
        Files.copy(DIR.resolve("exercise.tcps"), tmp.resolve("exercise.tcps"));
        Files.copy(DIR.resolve("submissions/bob.tcps"), tmp.resolve("=HYPERLINK(1).tcps"));
        Files.copy(DIR.resolve("submissions/alice.tcps"), tmp.resolve("alice.tcps"));
        CliRun run = CliRun.separate(tmp, "grade", "--format", "csv", "exercise.tcps", "alice.tcps",
                "=HYPERLINK(1).tcps");
        assertEquals(0, run.exit(), run.err());
        String[] rows = run.out().split("\r\n", -1);
        assertEquals("student,score,max,the handshake,the data,the close", rows[0]);
        assertEquals("alice,10,10,3,4,3", rows[1]);
        assertTrue(rows[2].startsWith("\"'=HYPERLINK(1)\","), rows[2]);
        assertEquals("", rows[3]);
        assertEquals(4, rows.length);
    }

    // ---- several submissions, one per file ----------------------------------------------------

    @Test
    void platformFormatsHoldOneSubmissionOrGoToADirectory(@TempDir Path tmp) throws Exception {
        CliRun refused = grade("--format", "gradescope", "exercise.tcps", "submissions");
        assertEquals(64, refused.exit());
        assertTrue(refused.err().contains("--output-dir"), refused.err());
        CliRun run = grade("--format", "prairielearn", "--output-dir", tmp.toString(), "exercise.tcps", "submissions");
        assertEquals(0, run.exit(), run.err());
        for (String s : List.of("alice", "bob", "carol", "dave", "eve")) {
            Json.parse(Files.readString(tmp.resolve(s).resolve("results.json")));
        }
    }
}
