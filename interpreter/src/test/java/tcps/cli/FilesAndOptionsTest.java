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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files and options as a careless or hostile command line gives them: devices, FIFOs, missing
 * directories, captures aimed at the script itself, options that contradict each other, and
 * several files of which some are broken.
 */
class FilesAndOptionsTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        CliRun r = CliRun.separate(dir, "check", "/dev/zero");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertEquals("tcps: /dev/zero is not a regular file (a device, a FIFO or a socket); tcps reads scripts from "
                + "files only\ntcps: 1 error; nothing was run\n", r.err());
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("f.tcps");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        CliRun r = CliRun.separate(dir, "run", "f.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().startsWith("tcps: f.tcps is not a regular file"), r.err());
    }

    @Test
    void aFileLargerThanTheLimitIsReadOnlyUpToIt() throws IOException {
        write("big.tcps", "client connect\n".repeat(100));
        CliRun r = CliRun.separate(dir, "check", "--max-source-bytes", "1KiB", "big.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertEquals("tcps: big.tcps is larger than 1 KiB; that is not a script (--max-source-bytes)\n"
                + "tcps: 1 error; nothing was run\n", r.err());
    }

    @Test
    void aFileErrorSaysTheSystemsReason() throws IOException {
        write("plain", "x");
        CliRun r = CliRun.separate(dir, "check", "nosuch.tcps", "plain/x.tcps");
        assertEquals("tcps: cannot read nosuch.tcps: no such file or directory\n"
                + "tcps: cannot read plain/x.tcps: not a directory\n"
                + "tcps: 2 errors; nothing was run\n", r.err());
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws IOException {
        write("locked.tcps", "client connect\n");
        Path locked = dir.resolve("locked.tcps");
        locked.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "not running as root");
        CliRun r = CliRun.separate(dir, "check", "locked.tcps");
        assertEquals("tcps: cannot read locked.tcps: permission denied\ntcps: 1 error; nothing was run\n", r.err());
    }

    @Test
    void aCaptureNeverOverwritesTheScript() throws IOException {
        write("self.tcps", "client connect\n");
        String before = Files.readString(dir.resolve("self.tcps"));
        CliRun r = CliRun.separate(dir, "run", "--pcap", "self.tcps", "self.tcps");
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals("tcps: --pcap self.tcps would overwrite the script self.tcps; write the capture elsewhere\n"
                + "Try 'tcps run --help' for more.\n", r.err());
        assertEquals(before, Files.readString(dir.resolve("self.tcps")));
    }

    @Test
    void twoScriptsOfOneNameCannotShareACaptureDirectory() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        write("a/x.tcps", "client connect\n");
        write("b/x.tcps", "client connect\n");
        CliRun r = CliRun.separate(dir, "run", "--pcap-dir", "out", "a/x.tcps", "b/x.tcps");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().startsWith("tcps: both a/x.tcps and b/x.tcps would write "), r.err());
    }

    @Test
    void aCaptureInAMissingDirectoryCreatesNoDirectory() throws IOException {
        write("ok.tcps", "client connect\n");
        CliRun r = CliRun.separate(dir, "run", "--pcap", "missing/deeper/x.pcap", "ok.tcps");
        assertEquals(ExitCode.CANNOT_WRITE, r.exit());
        assertEquals("tcps: cannot write missing/deeper/x.pcap: no such file or directory\n", r.err());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void aCaptureDirectoryThatIsAFileSaysSo() throws IOException {
        write("ok.tcps", "client connect\n");
        write("plain", "x");
        CliRun r = CliRun.separate(dir, "run", "--pcap-dir", "plain", "ok.tcps");
        assertEquals(ExitCode.CANNOT_WRITE, r.exit());
        assertEquals("tcps: cannot write plain: not a directory\n", r.err());
    }

    @Test
    void aCaptureDirectoryIsCreatedButNotItsParents() throws IOException {
        write("ok.tcps", "client connect\n");
        assertEquals(ExitCode.PASSED, CliRun.separate(dir, "run", "--pcap-dir", "out", "ok.tcps").exit());
        assertTrue(Files.isRegularFile(dir.resolve("out/ok.pcap")));
        CliRun r = CliRun.separate(dir, "run", "--pcap-dir", "no/out", "ok.tcps");
        assertEquals(ExitCode.CANNOT_WRITE, r.exit());
        assertEquals("tcps: cannot write no/out: no such file or directory\n", r.err());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pcap x.pcap --pcap-dir d", "-tt -t", "-ttt", "-t -t -t"})
    void conflictingOptionsAreAUsageError(String options) throws IOException {
        write("ok.tcps", "client connect\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run"));
        args.addAll(java.util.List.of(options.split(" ")));
        args.add("ok.tcps");
        CliRun r = CliRun.separate(dir, args.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("d")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "check", "fmt", "handout", "grade", "bench", "profiles", "lsp", "fuzz"})
    void everySubcommandTakesHelp(String command) {
        for (String flag : new String[] {"-h", "--help"}) {
            CliRun r = CliRun.separate(dir, command, flag);
            assertEquals(ExitCode.PASSED, r.exit(), r.err());
            assertTrue(r.out().startsWith("Usage: tcps " + command), r.out());
        }
    }

    @Test
    void aBrokenFileAmongSeveralDoesNotStopTheOthers() throws IOException {
        write("a.tcps", "client connect\nexpect SYN\n");
        write("broken.tcps", "client conect\n");
        write("c.tcps", "client connect\nexpect SYN\n");
        CliRun r = CliRun.separate(dir, "run", "a.tcps", "broken.tcps", "missing.tcps", "c.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit(), "the worst that happened: a file could not run");
        assertTrue(r.err().endsWith("tcps: 2 errors in 2 of 4 files; those files do not run, the others do\n"), r.err());
        assertTrue(r.out().contains("== a.tcps\n") && r.out().contains("== c.tcps\n"), r.out());
        assertTrue(r.out().endsWith("2 passed, 0 failed\n"), r.out());
    }

    @Test
    void outputPastTheLimitIsCutAndTheRunFails() throws IOException {
        write("ok.tcps", "client connect\nexpect SYN\n");
        CliRun r = CliRun.separate(dir, "run", "--max-output", "100", "ok.tcps");
        assertEquals(ExitCode.FAILED, r.exit());
        assertEquals(("00:00:00.000000 IP localhost.43540 > localhost.1234: Flags [S], seq 2307800689, win 65495, "
                + "options [m\n").substring(0, 100) + "\n1 passed, 0 failed\n", r.out());
        assertEquals("tcps: the report reached 100 bytes, the limit of a run (--max-output); the rest of it was not "
                + "printed\n", r.err());
    }

    @Test
    void anImportCannotFollowALinkOutOfTheScriptsFolder(@TempDir Path outside) throws IOException {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(outside.resolve("secret.tcps"), "macro leak(a) {\n  a connect\n}\n");
        Files.writeString(project.resolve("mine.tcps"), "macro ok(a) {\n  a connect\n}\n");
        // a link to a file outside, and a link to a folder outside
        Files.createSymbolicLink(project.resolve("evil.tcps"), outside.resolve("secret.tcps"));
        Files.createSymbolicLink(project.resolve("sub/out"), outside);
        // a link that stays inside is only another name for a file of the script's folder
        Files.createSymbolicLink(project.resolve("sub/alias.tcps"), project.resolve("mine.tcps"));
        Files.writeString(project.resolve("a.tcps"), "import \"evil\"\nleak(client)\nexpect client > server SYN\n");
        Files.writeString(project.resolve("b.tcps"), "import \"sub/out/secret\"\nleak(client)\n"
                + "expect client > server SYN\n");
        Files.writeString(project.resolve("c.tcps"), "import \"sub/alias\"\nok(client)\nexpect client > server SYN\n");

        CliRun a = CliRun.separate(project, "check", "a.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, a.exit());
        assertTrue(a.err().contains("cannot import \"evil\": evil.tcps leads out of the script's folder (through a "
                + "symbolic link); an import reads only files in the script's own folder and below it, and the "
                + "standard library"), a.err());
        CliRun b = CliRun.separate(project, "check", "b.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, b.exit());
        assertTrue(b.err().contains("cannot import \"sub/out/secret\": sub/out/secret.tcps leads out of the script's "
                + "folder"), b.err());
        CliRun c = CliRun.separate(project, "run", "--quiet", "c.tcps");
        assertEquals(0, c.exit(), c.out() + c.err());
        // a script in a folder of its own may not import its parent folder's file through a link
        Files.createDirectories(project.resolve("lab"));
        Files.createSymbolicLink(project.resolve("lab/up.tcps"), project.resolve("mine.tcps"));
        Files.writeString(project.resolve("lab/e.tcps"), "import \"up\"\nok(client)\nexpect client > server SYN\n");
        CliRun e = CliRun.separate(project, "check", "lab/e.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, e.exit());
        assertTrue(e.err().contains("cannot import \"up\": lab/up.tcps leads out of the script's folder"), e.err());
    }
}
