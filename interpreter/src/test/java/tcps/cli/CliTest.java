package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, version, exit codes, and bad input of every kind. */
class CliTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void assertNoStackTrace(CliRun r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception"), () -> "stack trace or exception shown:\n" + all);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRun r = CliRun.separate(dir, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: tcps "), r.out());
        assertTrue(r.out().contains("run ") && r.out().contains("check ") && r.out().contains("help "), r.out());
        assertTrue(r.out().contains("2   a script cannot run"), r.out());
    }

    @Test
    void helpRunDescribesRunsOptions() {
        CliRun r = CliRun.separate(dir, "help", "run");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: tcps run "), r.out());
        for (String option : new String[] {"-S", "-n", "-t", "--seed", "--fail-fast", "--scenario", "FILE"}) {
            assertTrue(r.out().contains(option), () -> option + " missing from\n" + r.out());
        }
    }

    @Test
    void subcommandNamesAreTheirAnnotations() {
        assertEquals(TcpsCommand.SUBCOMMANDS.size(), TcpsCommand.NAMES.size());
        for (int i = 0; i < TcpsCommand.NAMES.size(); i++) {
            Class<?> sub = TcpsCommand.SUBCOMMANDS.get(i);
            String name = sub == RunCommand.class ? RunCommand.spec(new RunCommand(new TcpsCommand(dir))).name()
                    : sub.getAnnotation(picocli.CommandLine.Command.class).name();
            assertEquals(name, TcpsCommand.NAMES.get(i));
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = CliRun.separate(dir, "--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("tcps \\d+\\.\\d+\\.\\d+\\S*\\R"), r.out());
    }

    @Test
    void noCommandShowsUsageAndFailsAsAUsageError() {
        CliRun r = CliRun.separate(dir);
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().startsWith("Usage: tcps "), r.err());
    }

    @Test
    void runWithoutAFileIsAUsageError() {
        CliRun r = CliRun.separate(dir, "run");
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals("tcps: Missing required parameter: 'FILE'\nTry 'tcps run --help' for more.\n", r.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun r = CliRun.separate(dir, "run", "--colour", "x.tcps");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().startsWith("tcps: Unknown option: '--colour'"), r.err());
    }

    @Test
    void aMissingFileCannotRun() {
        CliRun r = CliRun.separate(dir, "run", "nosuch.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertEquals("tcps: cannot read nosuch.tcps: no such file or directory\ntcps: 1 error; nothing was run\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aDirectoryCannotRun() throws IOException {
        Files.createDirectory(dir.resolve("d.tcps"));
        CliRun r = CliRun.separate(dir, "run", "d.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("tcps: d.tcps is a directory, not a script"), r.err());
    }

    @Test
    void binaryGarbageCannotRun() throws IOException {
        Files.write(dir.resolve("garbage.tcps"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, (byte) 0xff});
        CliRun r = CliRun.separate(dir, "run", "garbage.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("tcps: garbage.tcps is not a text file (it contains a NUL byte at offset 7)"),
                r.err());
        assertNoStackTrace(r);
    }

    @Test
    void invalidUtf8CannotRun() throws IOException {
        Files.write(dir.resolve("latin1.tcps"), new byte[] {'#', ' ', (byte) 0xe9, '\n'});
        CliRun r = CliRun.separate(dir, "run", "latin1.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("tcps: latin1.tcps is not UTF-8 text"), r.err());
    }

    @Test
    void anEmptyFileCannotRun() throws IOException {
        write("empty.tcps", "");
        CliRun r = CliRun.separate(dir, "run", "empty.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("empty.tcps:1:1: error: the script is empty"), r.err());
        assertTrue(r.err().endsWith("tcps: 1 error; nothing was run\n"), r.err());
    }

    @Test
    void aSyntaxErrorIsShownWithItsLineAndACaret() throws IOException {
        write("typo.tcps", "server listen\nclient conect\n");
        CliRun r = CliRun.separate(dir, "run", "typo.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("typo.tcps:2:8: error: "), r.err());
        assertTrue(r.err().contains(" 2 | client conect\n   |        ^^^^^^\n"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void staticErrorsAreAllReportedAndNothingRuns() throws IOException {
        write("bad.tcps", "stack bsd\nclient connect\nexpect SYNACK\n");
        CliRun r = CliRun.separate(dir, "run", "bad.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertEquals("", r.out(), "nothing runs, so no transcript");
        assertTrue(r.err().contains("bad.tcps:1:7: error: unknown stack `bsd`"), r.err());
        assertTrue(r.err().contains("bad.tcps:3:8: error: unknown flag `SYNACK`"), r.err());
        assertTrue(r.err().endsWith("tcps: 2 errors; nothing was run\n"), r.err());
    }

    @Test
    void everyMistakeOfALineIsShownAtItsColumnInOneRun() throws IOException {
        // a syntax error (`2 parsecs`), two build errors (an unknown field, a number too wide) and two
        // unknown names, all on one line: fixing one does not reveal the next
        write("line.tcps", "client connect\n"
                + "expect SYN-ACK ack=foo win>x wnd=3 seq=99999999999999999999 after 2 parsecs\n"
                + "let y = 5 +\n"
                + "expect SYN seq=y\n");
        CliRun r = CliRun.separate(dir, "run", "line.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        String line = " 2 | expect SYN-ACK ack=foo win>x wnd=3 seq=99999999999999999999 after 2 parsecs\n";
        assertEquals("line.tcps:2:20: error: unknown name `foo`; name a value with `let foo = ...` or a segment with "
                + "`expect ... as foo` before using it\n" + line
                + "   |                    ^^^\n"
                + "line.tcps:2:28: error: unknown name `x`; name a value with `let x = ...` or a segment with "
                + "`expect ... as x` before using it\n" + line
                + "   |                            ^\n"
                + "line.tcps:2:30: error: unknown field `wnd`; fields are seq, ack, win, urg, len (or length N), "
                + "a \"payload\" and <options>\n" + line
                + "   |                              ^^^\n"
                + "line.tcps:2:40: error: `99999999999999999999` is larger than 32 bits\n" + line
                + "   |                                        ^^^^^^^^^^^^^^^^^^^^\n"
                + "line.tcps:2:67: error: `2` needs a unit: write 2s, 2ms or 2us\n" + line
                + "   |                                                                   ^\n"
                // `y` is not reported unknown on line 4: the broken `let` on line 3 was to give it
                + "line.tcps:3:12: error: expected a number or `isn`, found end of line\n"
                + " 3 | let y = 5 +\n"
                + "   |            ^\n"
                + "tcps: 6 errors; nothing was run\n", r.err());
    }

    @Test
    void aFailureInAMacroNamesItsLineAndColumnAsWritten() throws IOException {
        write("hs.tcps", "macro hs(a, b) {\n  a connect\n  expect a > b SYN\n  expect b > a SYN-ACK ack=isn+2\n}\n"
                + "hs(client, server)\n");
        CliRun r = CliRun.separate(dir, "run", "-q", "hs.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        // the caret goes to the call; the note gives the macro's line and the column of ack=
        // there (24), not in `expect server > client ...` (34)
        assertTrue(r.out().contains(" 6 | hs(client, server)\n   | ^^\n"), r.out());
        assertTrue(r.out().contains("   = in `hs(client, server)`, hs.tcps:4:24: expect b > a SYN-ACK ack=isn+2\n"),
                r.out());
    }

    @Test
    void anEventualExpectThatFindsNothingNamesTheSegmentWithMoreFlags() throws IOException {
        // the server's only segment is the SYN-ACK: `ACK` never matches it, since flags match exactly
        write("ack.tcps", "client connect\nexpect eventually server > client ACK\n");
        CliRun r = CliRun.separate(dir, "run", "-q", "ack.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().contains("   = note: flags match exactly, and segment 2 went by as [S.]; to expect it, "
                + "write SYN-ACK or [S.]\n"), r.out());
    }

    @Test
    void aTimeCountedFromTheOtherWaySaysSoAndHowToNameAnother() throws IOException {
        write("after.tcps", "link delay 50ms\nclient connect\nexpect client > server SYN\n"
                + "expect server > client SYN-ACK after 1s\n");
        CliRun r = CliRun.separate(dir, "run", "-q", "after.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().contains("   = time: expected 1s after the previous matched segment (the other way: none "
                + "went this way before; `since NAME` counts from a segment named with `as`), got 50ms (sent at "
                + "00:00:00.050000)\n"), r.out());
    }

    @Test
    void oneBadFileIsReportedAndTheOthersRun() throws IOException {
        write("good.tcps", "client send SYN; expect SYN-ACK ack=isn+1\n");
        write("bad.tcps", "expect [SX]\n");
        CliRun r = CliRun.separate(dir, "run", "good.tcps", "bad.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.out().startsWith("== good.tcps\n") && r.out().endsWith("\n1 passed, 0 failed\n"), r.out());
        assertTrue(r.err().startsWith("bad.tcps:1:8: error: "), r.err());
    }

    @Test
    void aPassingScriptExitsZeroAndSaysSo() throws IOException {
        write("ok.tcps", "client send SYN; expect SYN-ACK ack=isn+1\n");
        CliRun r = CliRun.separate(dir, "run", "ok.tcps");
        assertEquals(ExitCode.PASSED, r.exit(), r.out() + r.err());
        assertTrue(r.out().endsWith("\n1 passed, 0 failed\n"), r.out());
    }

    @Test
    void aFailingAssertionExitsOneAndPointsAtTheField() throws IOException {
        write("wrong.tcps", "client send SYN\nexpect SYN-ACK ack=isn\n");
        CliRun r = CliRun.separate(dir, "run", "wrong.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().contains("wrong.tcps:2:16: failed: segment 2 (server > client [S.]) differs in ack\n"
                + " 2 | expect SYN-ACK ack=isn\n"
                + "   |                ^^^^^^^\n"), r.out());
        assertTrue(r.out().endsWith("\n0 passed, 1 failed\n"), r.out());
    }

    @Test
    void failFastStopsAtTheFirstFailure() throws IOException {
        write("two.tcps", "client send SYN\nexpect SYN\nexpect SYN-ACK ack=0\n");
        CliRun r = CliRun.separate(dir, "run", "--fail-fast", "two.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().contains("note: stopped at the first failure (--fail-fast)"), r.out());
        assertTrue(r.out().endsWith("0 passed, 1 failed\n"), r.out());
    }

    @Test
    void theSameSeedPrintsTheSameBytesAndAnotherSeedOtherNumbers() throws IOException {
        write("s.tcps", "client send SYN; expect SYN-ACK ack=isn+1\n");
        String a = CliRun.separate(dir, "run", "--seed", "7", "s.tcps").out();
        String b = CliRun.separate(dir, "run", "--seed", "7", "s.tcps").out();
        String c = CliRun.separate(dir, "run", "--seed", "8", "s.tcps").out();
        assertEquals(a, b);
        assertFalse(a.equals(c), "a different seed chooses other ports and ISNs");
    }

    @Test
    void anUnknownScenarioNameIsAUsageError() throws IOException {
        write("named.tcps", "scenario \"a\" { client send SYN }\n");
        CliRun r = CliRun.separate(dir, "run", "--scenario", "b", "named.tcps");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().startsWith("tcps: no scenario named \"b\" in named.tcps"), r.err());
    }

    @Test
    void checkReportsWithoutRunning() throws IOException {
        write("ok.tcps", "client send SYN; expect SYN-ACK ack=isn+1\n");
        CliRun r = CliRun.separate(dir, "check", "ok.tcps");
        assertEquals(0, r.exit());
        assertEquals("1 file, 1 scenario: no errors\n", r.out());
    }

    @Test
    void aSackBlockThatDiffersIsShownInTheScriptsNumbering() throws IOException {
        // TCP_NODELAY: the two writes go as two segments (Nagle would hold the second for an ACK).
        write("sack.tcps", "client setsockopt TCP_NODELAY on\nclient connect\nexpect SYN\nexpect SYN-ACK\nexpect ACK\n"
                + "reorder next 2 client > server\n"
                + "client write 1000\nclient write 1000\nexpect [P.]\nexpect [P.]\n"
                + "expect server > client ACK <nop,nop,TS,nop,nop,sack 1 {1001:2000}>\n");
        CliRun r = CliRun.separate(dir, "run", "sack.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertTrue(r.out().contains("= options: expected <nop,nop,TS,nop,nop,sack 1 {1001:2000}>, got "
                + "<nop,nop,TS val 214484141 ecr 214484141,nop,nop,sack 1 {1001:2001}>"), r.out());
    }

    @Test
    void aScriptWithNoAssertionSaysNothingWasCheckedOnStderr() throws IOException {
        write("c.tcps", "client connect\n");
        CliRun r = CliRun.separate(dir, "run", "c.tcps");
        assertEquals(0, r.exit(), "nothing failed");
        assertTrue(r.out().endsWith("0 passed, 0 failed\n"), r.out());
        assertFalse(r.out().contains("nothing was checked"), "the report itself is unchanged:\n" + r.out());
        assertEquals("tcps: note: c.tcps:1: nothing was checked: no expect ran, so nothing passed or failed; write one, "
                + "such as `expect SYN` (the next segment matches it) or `wait 1s` then `expect client state ESTABLISHED`\n", r.err());
        // a script that checks something says nothing of the kind
        write("d.tcps", "client connect\nexpect client > server SYN\n");
        CliRun d = CliRun.separate(dir, "run", "--quiet", "d.tcps");
        assertEquals(0, d.exit());
        assertEquals("", d.err());
        // each scenario that checks nothing is named, among several files
        CliRun both = CliRun.separate(dir, "run", "--quiet", "c.tcps", "d.tcps");
        assertEquals(0, both.exit());
        assertTrue(both.err().startsWith("tcps: note: c.tcps:1: nothing was checked") && !both.err().contains("d.tcps"),
                both.err());
    }

    @Test
    void aRunThatKeepsMoreThanMaxMemoryFailsThereAndStops() throws IOException {
        write("bulk.tcps", "client connect\nclient write 8000000\nwait 10s\nexpect client state ESTABLISHED\n");
        CliRun r = CliRun.separate(dir, "run", "--max-memory", "2MiB", "bulk.tcps");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("failed: the scenario kept more than 2 MiB (segments captured and in flight, data "
                + "the stacks buffer, events recorded), the limit of a run (--max-memory)"), r.out());
        assertTrue(r.out().contains("0 passed, 1 failed"), "the scenario stopped at the limit: " + r.out());
        assertNoStackTrace(r);
        assertEquals(0, CliRun.separate(dir, "run", "--quiet", "bulk.tcps").exit(), "within the default (1GiB)");
        CliRun zero = CliRun.separate(dir, "run", "--max-memory", "0", "bulk.tcps");
        assertEquals(ExitCode.USAGE, zero.exit());
    }
}
