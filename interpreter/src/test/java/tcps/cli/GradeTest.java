package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tcps grade} and {@code tcps handout} as a teacher uses them, limits and all. */
class GradeTest {
    private static final Path EXERCISES = Path.of(System.getProperty("tcps.root", "..")).resolve("exercises");

    /** A make-it-happen exercise whose answer block takes anything but setup. */
    private static final String OPEN = """
            exercise "limits" {
              server listen
              client connect
              answer {
              }
              check "a SYN was sent" points 2 {
                goal exists client > server SYN
              }
            }
            """;

    private static Path exercise(Path dir, String text) throws IOException {
        Path p = dir.resolve("exercise.tcps");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** The handout for {@code student}, its answer block holding {@code answer}. */
    private static void submit(Path dir, String student, String answer) throws IOException {
        String handout = CliRun.separate(dir, "handout", "exercise.tcps", "--student", student).out();
        Files.writeString(dir.resolve(student + ".tcps"), handout.replace("  answer {\n", "  answer {\n" + answer),
                StandardCharsets.UTF_8);
    }

    private static String csvRow(CliRun run, int row) {
        return run.out().split("\r\n")[row];
    }

    // ---- limits, each ---------------------------------------------------------------------------

    @Test
    void aSubmissionLargerThanTheLimitScoresZeroAndSaysSo(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "big", "    # " + "x".repeat(5000) + "\n");
        CliRun run = CliRun.separate(dir, "grade", "--max-source-bytes", "4KiB", "exercise.tcps", "big.tcps");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("the limit is 4 KiB"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    @Test
    void tooManyStatementsScoreZero(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "many", "    wait 1ms\n".repeat(60));
        CliRun run = CliRun.separate(dir, "grade", "--max-statements", "50", "exercise.tcps", "many.tcps");
        assertTrue(run.out().contains("statements; the limit is 50"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    @Test
    void anExpressionOf50000TermsIsAStaticErrorNotAStackOverflow(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "deep", "    let x = " + "1+".repeat(50_000) + "1\n");
        CliRun run = CliRun.separate(dir, "grade", "--max-source-bytes", "1MiB", "exercise.tcps", "deep.tcps");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("too deep"), run.out());
        assertFalse(run.out().contains("StackOverflow") || run.err().contains("internal error"), run.out() + run.err());
    }

    @Test
    void waitingPastTheVirtualTimeLimitScoresZero(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "sleepy", "    wait 100h\n");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "sleepy.tcps");
        assertTrue(run.out().contains("the scenario ran past 1h of virtual time"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    @Test
    void tooManyEventsScoreZero(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "busy", "    client write 10000000\n    wait 10s\n");
        CliRun run = CliRun.separate(dir, "grade", "--max-events", "20", "exercise.tcps", "busy.tcps");
        assertTrue(run.out().contains("events (segments arriving, timers firing)"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    @Test
    void writingGigabytesScoresZero(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "flood", "    client write 16777216\n".repeat(50) + "    wait 1h\n");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "flood.tcps");
        assertTrue(run.out().contains("wrote more than 16 MiB"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    /** An exercise whose client is scripted: the student's answer sends what it likes. */
    private static final String FORGE = """
            exercise "forge" {
              client scripted
              server listen
              client send SYN seq=0
              answer {
              }
              check "a SYN was sent" points 2 {
                goal exists client > server SYN
              }
            }
            """;

    @Test
    void aSubmissionThatKeepsTooMuchMemoryScoresZeroAndNoOtherScoreChanges(@TempDir Path dir) throws IOException {
        exercise(dir, FORGE);
        // 1,500 segments of 60,000 bytes, all captured: 90 MB, within every other limit
        submit(dir, "hog", "    repeat 1500 {\n      client send [P.] length 60000 seq=1 ack=1\n    }\n");
        submit(dir, "fair", "    client send [P.] length 10 seq=1 ack=1\n");
        CliRun alone = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "fair.tcps");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "hog.tcps", "fair.tcps");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("failed: the scenario kept more than 64 MiB (segments captured and in flight, "
                + "data the stacks buffer, events recorded), the limit of a run (--max-memory)"), run.out());
        assertTrue(run.out().contains("hog (hog.tcps): 0 / 2"), run.out());
        CliRun csv = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "hog.tcps", "fair.tcps");
        assertEquals("hog,0,2,0", csvRow(csv, 1));
        assertEquals(csvRow(alone, 1), csvRow(csv, 2), "the other submission scores as it does alone");
        // settable: lower, the fair one reaches it too; higher, the hog runs
        CliRun low = CliRun.separate(dir, "grade", "--format", "csv", "--max-memory", "1KiB", "exercise.tcps",
                "fair.tcps");
        assertEquals("fair,0,2,0", csvRow(low, 1));
        CliRun high = CliRun.separate(dir, "grade", "--max-memory", "256MiB", "exercise.tcps", "hog.tcps");
        assertFalse(high.out().contains("--max-memory"), high.out());
    }

    @Test
    void aSubmissionThatRunsTheJvmOutOfMemoryIsGradedAgainAloneAndScoresZeroOnItsOwn(@TempDir Path dir)
            throws Exception {
        exercise(dir, FORGE);
        submit(dir, "hog", "    repeat 1500 {\n      client send [P.] length 60000 seq=1 ack=1\n    }\n");
        submit(dir, "fair", "    client send [P.] length 10 seq=1 ack=1\n");
        // a heap of 64 MiB and a limit far above it: the run's own count cannot stop the hog, the heap does
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "tcps.cli.Main", "grade", "--format", "csv", "--jobs", "2",
                "--max-memory", "1GiB", "exercise.tcps", "hog.tcps", "fair.tcps")
                .directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + err);
        assertEquals("student,score,max,a SYN was sent\r\nhog,0,2,0\r\nfair,2,2,2\r\n", out, err);
        assertTrue(err.startsWith("tcps: grading 1 submission at a time, not 2: each may keep 1 GiB (--max-memory), "
                + "and the JVM's heap is "), err);
        Process text = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "tcps.cli.Main", "grade", "--max-memory", "1GiB",
                "exercise.tcps", "hog.tcps").directory(dir.toFile()).start();
        String said = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        text.getErrorStream().readAllBytes();
        assertEquals(0, text.waitFor());
        assertTrue(said.contains("! grading this submission, alone, took more memory than the JVM has ("), said);
    }

    @Test
    void thousandsOfHostsReachTheMemoryLimitNotTheMachines(@TempDir Path dir) throws IOException {
        exercise(dir, """
                exercise "hosts" {
                  allow setup, connect, listen, wait
                  answer {
                  }
                  server listen
                  client connect
                  check "a SYN was sent" points 2 {
                    goal exists client > server SYN
                  }
                }
                """);
        StringBuilder answer = new StringBuilder();
        for (int i = 1; i <= 900; i++) {
            answer.append("    host h").append(i).append(" at 10.0.").append(i / 250 + 1).append('.').append(i % 250 + 1)
                    .append('\n');
        }
        answer.append("    server listen\n");
        for (int i = 1; i <= 900; i++) {
            answer.append("    h").append(i).append(" connect\n");
        }
        submit(dir, "many", answer + "    wait 1s\n");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "many.tcps");
        assertTrue(run.out().contains("the scenario kept more than 64 MiB"), run.out());
        assertTrue(run.out().contains(": 0 / 2"), run.out());
    }

    @Test
    void gradingRunsNoMoreSubmissionsAtOnceThanTheHeapHolds() {
        assertEquals(1, tcps.grade.ClassGrading.jobsFor(8, 64L << 20, 256L << 20));
        assertEquals(2, tcps.grade.ClassGrading.jobsFor(2, 64L << 20, 6L << 30));
        assertEquals(3, tcps.grade.ClassGrading.jobsFor(16, 64L << 20, 512L << 20));
        assertEquals(1, tcps.grade.ClassGrading.jobsFor(4, 1L << 30, 64L << 20), "always one at least");
    }

    @Test
    void aLongTranscriptIsCutAtTheOutputLimit(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "chatty", "    client write 1000000\n    wait 1s\n");
        CliRun run = CliRun.separate(dir, "grade", "--max-output", "2KiB", "exercise.tcps", "chatty.tcps");
        assertTrue(run.out().contains("(the transcript is longer than 2 KiB; cut here)"), run.out());
        assertTrue(run.out().contains(": 2 / 2"), run.out());
    }

    @Test
    void aSubmissionPastTheWallTimeScoresZeroAndTheOthersAreGraded(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        submit(dir, "slow", "    client write 1000000\n    wait 10m\n".repeat(30));
        submit(dir, "quick", "");
        CliRun run = CliRun.separate(dir, "grade", "--format", "csv", "--max-wall-time", "1ms", "--max-events",
                "10000000", "--max-bytes-written", "1GiB", "--max-virtual-time", "100h", "exercise.tcps", "slow.tcps");
        assertEquals(0, run.exit(), run.err());
        assertEquals("slow,0,2,0", csvRow(run, 1));
        CliRun text = CliRun.separate(dir, "grade", "--max-wall-time", "1ms", "--max-events", "10000000",
                "--max-bytes-written", "1GiB", "--max-virtual-time", "100h", "exercise.tcps", "slow.tcps");
        assertTrue(text.out().contains("grading took longer than"), text.out());
    }

    @Test
    void aRunawaySubmissionStopsItselfAndItsThreadEnds(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN);
        // 10^12 statements: only the real-time limit stops it
        submit(dir, "runaway", "    repeat 1000000 {\n      repeat 1000000 {\n        let x = 1\n      }\n    }\n");
        CliRun run = CliRun.separate(dir, "grade", "--format", "csv", "--max-wall-time", "200ms",
                "--max-statements", "2000000000", "exercise.tcps", "runaway.tcps");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err(), "every thread stopped when told to");
        assertEquals("runaway,0,2,0", csvRow(run, 1));
        // it stopped itself (interrupted, it looks at the flag each statement), on any JDK: no
        // grading thread is left running once grade has returned
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("tcps-grade-runaway") && t.isAlive()), "the thread still runs");
        CliRun text = CliRun.separate(dir, "grade", "--max-wall-time", "200ms", "--max-statements", "2000000000",
                "exercise.tcps", "runaway.tcps");
        assertTrue(text.out().contains("grading took longer than 200 ms of real time, the limit (--max-wall-time); "
                + "the submission scores zero"), text.out());
    }

    // ---- what a teacher of a large class meets ---------------------------------------------------

    @Test
    void theHandoutOfAnotherExerciseIsSaidToBeThat() {
        Path dir = EXERCISES.resolve("seed-004-close-wait");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "../seed-004-time-wait/submissions/alice.tcps");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("  ! ../seed-004-time-wait/submissions/alice.tcps is the handout of another "
                + "exercise, \"seed 004: the states, in order\", not of \"seed 004: a CLOSE-WAIT leak\"; hand in the file "
                + "`tcps handout` gave you for this one, with your answers in it\n"), run.out());
        assertFalse(run.out().contains("is missing or changed"), "not a list of every line: " + run.out());
    }

    @Test
    void aStudentWithTwoSubmissionsIsNamedAndNeverOverwritesAResult(@TempDir Path out) {
        Path dir = EXERCISES.resolve("seed-003-numbers");
        CliRun csv = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "submissions/alice.tcps",
                "../seed-004-close-wait/submissions/alice.tcps");
        assertEquals(0, csv.exit());
        assertEquals("tcps: students with more than one submission, each graded on its own row: alice "
                + "(submissions/alice.tcps, ../seed-004-close-wait/submissions/alice.tcps)\n", csv.err());
        assertEquals(3, csv.out().split("\r\n").length);
        CliRun gs = CliRun.separate(dir, "grade", "--format", "gradescope", "--output-dir", out.toString(),
                "exercise.tcps", "submissions/alice.tcps", "../seed-004-close-wait/submissions/alice.tcps");
        assertEquals(ExitCode.USAGE, gs.exit());
        assertTrue(gs.err().contains("DIR/ID/results.json holds one each"), gs.err());
    }

    @Test
    void everyStudentOfAnLmsExportHasARowEvenWithoutAFileToGrade(@TempDir Path dir) throws IOException {
        Path ex = EXERCISES.resolve("seed-003-numbers");
        Files.createDirectories(dir.resolve("export/alice"));
        Files.createDirectories(dir.resolve("export/nobody"));
        Files.createDirectories(dir.resolve("export/blank"));
        // Windows line ends and a byte-order mark are a student's editor, not an answer
        Files.writeString(dir.resolve("export/alice/answer.tcps"), "\uFEFF" + Files.readString(
                ex.resolve("submissions/alice.tcps")).replace("\n", "\r\n"));
        Files.writeString(dir.resolve("export/blank/answer.tcps"), "# nothing yet\n\n");
        CliRun run = CliRun.separate(dir, "grade", "--format", "csv", ex.resolve("exercise.tcps").toString(), "export");
        assertEquals(0, run.exit(), run.err());
        assertEquals("student,score,max,the handshake,the data,the close\r\nalice,10,10,3,4,3\r\nblank,0,10,0,0,0\r\n"
                + "nobody,0,10,0,0,0\r\n", run.out());
        assertEquals("tcps: export/nobody holds no .tcps file; a student's directory holds one (nobody scores zero)\n",
                run.err());
        CliRun text = CliRun.separate(dir, "grade", ex.resolve("exercise.tcps").toString(), "export");
        assertTrue(text.out().contains("  ! export/blank/answer.tcps is empty (or holds only comments): hand in your "
                + "handout with your answers in it\n"), text.out());
        assertTrue(text.out().contains("== nobody (export/nobody): 0 / 10\n  ! export/nobody holds no .tcps file; a "
                + "student's directory holds one\n"), text.out());
    }

    @Test
    void tapShowsWhatIsWrongWithTheWholeSubmission() {
        Path dir = EXERCISES.resolve("seed-004-close-wait");
        CliRun run = CliRun.separate(dir, "grade", "--format", "tap", "exercise.tcps", "submissions/dave.tcps");
        assertTrue(run.out().contains("# dave: 0 / 8\n#   line 21:10: error: `600` needs a unit: write 600s, 600ms or "
                + "600us\n#    21 |     wait 600\n"), run.out());
        for (String line : run.out().split("\n")) {
            assertTrue(line.startsWith("#") || line.startsWith("ok ") || line.startsWith("not ok ")
                    || line.startsWith("  ") || line.startsWith("TAP version") || line.startsWith("1.."), line);
        }
    }

    // ---- isolation, order -----------------------------------------------------------------------

    @Test
    void brokenAndMaliciousSubmissionsChangeNoOtherScore() {
        Path dir = EXERCISES.resolve("seed-003-numbers");
        CliRun alone = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "submissions/alice.tcps",
                "submissions/bob.tcps");
        CliRun together = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "submissions");
        assertEquals(csvRow(alone, 1), csvRow(together, 1));
        assertEquals(csvRow(alone, 2), csvRow(together, 2));
    }

    @Test
    void theOutputIsInTheOrderGivenWhateverTheNumberOfWorkers() {
        Path dir = EXERCISES.resolve("seed-004-syn-lost");
        CliRun one = CliRun.separate(dir, "grade", "--jobs", "1", "exercise.tcps", "submissions", "solution.tcps");
        CliRun eight = CliRun.separate(dir, "grade", "--jobs", "8", "exercise.tcps", "submissions", "solution.tcps");
        assertEquals(one.out(), eight.out());
        assertTrue(one.out().indexOf("== alice") < one.out().indexOf("== eve")
                && one.out().indexOf("== eve") < one.out().indexOf("== solution"), one.out());
    }

    // ---- handouts and variants ------------------------------------------------------------------

    @Test
    void aHandoutHoldsNoDrawNoteFeedbackHiddenStatementOrUnseenGoal() throws IOException {
        for (String ex : List.of("seed-003-numbers", "seed-004-isn-prediction", "seed-004-close-wait")) {
            Path dir = EXERCISES.resolve(ex);
            String exercise = Files.readString(dir.resolve("exercise.tcps"));
            String handout = CliRun.separate(dir, "handout", "exercise.tcps", "--student", "zoe").out();
            assertFalse(handout.contains("draw "), ex);
            assertFalse(handout.contains("feedback"), ex);
            assertFalse(handout.contains("##"), ex);
            if (ex.equals("seed-004-isn-prediction")) {
                assertTrue(exercise.contains("stack bsd-1990"));
                assertFalse(handout.contains("bsd-1990"), "the victim's stack is a hidden check's");
                assertFalse(handout.contains("goal "), "goals of after-due checks are not shown");
            }
            if (ex.equals("seed-004-close-wait")) {
                assertTrue(handout.contains("goal server from client in CLOSE-WAIT for 5m"), "a visible goal is shown");
                assertFalse(handout.contains("goal no"), "a hidden check's goals are not");
            }
        }
    }

    @Test
    void runningAHandoutRevealsNothing(@TempDir Path dir) throws IOException {
        String handout = CliRun.separate(EXERCISES.resolve("seed-003-numbers"), "handout", "exercise.tcps",
                "--student", "zoe").out();
        Files.writeString(dir.resolve("h.tcps"), handout);
        CliRun run = CliRun.merged(dir, "run", "-S", "h.tcps");
        assertEquals(2, run.exit());
        assertTrue(run.out().contains("this file is an exercise"), run.out());
        assertFalse(run.out().contains("Flags"), run.out());
        // Without its frame, its blanks still stop it before anything runs.
        String body = handout.substring(handout.indexOf("stack linux"), handout.lastIndexOf('}'))
                .replaceAll("(?m)^\\s*(check .*|forbid .*|\\})$", "");
        Files.writeString(dir.resolve("b.tcps"), body);
        CliRun bare = CliRun.merged(dir, "run", "-S", "b.tcps");
        assertEquals(2, bare.exit());
        assertTrue(bare.out().contains("`?` is a blank for a student to fill in"), bare.out());
        assertFalse(bare.out().contains("Flags"), bare.out());
    }

    @Test
    void neighboursGetDifferentNumbersAndAreGradedAgainstTheirOwn(@TempDir Path dir) throws IOException {
        Path ex = EXERCISES.resolve("seed-003-numbers");
        String alice = CliRun.separate(ex, "handout", "exercise.tcps", "--student", "alice").out();
        String bob = CliRun.separate(ex, "handout", "exercise.tcps", "--student", "bob").out();
        assertNotEquals(alice.replace("alice", ""), bob.replace("bob", ""));
        assertEquals(alice, CliRun.separate(ex, "handout", "exercise.tcps", "--student", "alice").out());
        // alice's right answers, handed in under bob's name, are checked against bob's numbers
        Files.copy(ex.resolve("exercise.tcps"), dir.resolve("exercise.tcps"));
        Files.copy(ex.resolve("submissions/alice.tcps"), dir.resolve("bob.tcps"));
        CliRun run = CliRun.separate(dir, "grade", "--format", "csv", "exercise.tcps", "bob.tcps");
        assertEquals("bob,0,10,0,0,0", csvRow(run, 1));
    }

    // ---- the exercise itself ----------------------------------------------------------------------

    @Test
    void aBrokenExerciseGradesNothingAndExitsWithTwo(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN.replace("client connect", "client conect"));
        Files.writeString(dir.resolve("a.tcps"), "anything\n");
        CliRun run = CliRun.separate(dir, "grade", "exercise.tcps", "a.tcps");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("exercise.tcps:3:"), run.err());
        assertTrue(run.err().contains("nothing was graded"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBlankOutsideACheckIsTheExercisesError(@TempDir Path dir) throws IOException {
        exercise(dir, OPEN.replace("client connect", "client write ?"));
        CliRun run = CliRun.separate(dir, "handout", "exercise.tcps");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("a blank must be inside a check"), run.err());
    }
}
