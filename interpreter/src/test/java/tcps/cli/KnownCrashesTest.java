package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input that once ended in an internal error, a hang or a silent wrong answer (issue 12's
 * table, each minimized), with the exact message and exit status it gets now. A script is
 * written to {@code x.tcps}; {@code expected} is a line that stdout or stderr must hold.
 */
class KnownCrashesTest {
    @TempDir
    Path dir;

    record Case(String what, String script, List<String> args, int exit, String expected) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Case check(String what, String script, String expected) {
        return new Case(what, script, List.of("check"), ExitCode.SCRIPT_ERROR, expected);
    }

    private static Case run(String what, String script, int exit, String expected, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        return new Case(what, script, args, exit, expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
                check("state of an endpoint scripted further down (was ClassCastException)",
                        "expect client state TIME-WAIT\nclient send SYN;expect ack;drop next\n",
                        "x.tcps:1:8: error: client is scripted (`send` at 2:1): it has no TCP state to expect"),
                check("error of an endpoint scripted further down",
                        "expect client error ECONNRESET\nclient send SYN\n",
                        "x.tcps:1:8: error: client is scripted (`send` at 2:1): no TCP reports errors to it"),
                check("a wait past the clock (was IllegalArgumentException in the timestamp printer)",
                        "wait 9223372037s\nclient send SYN\n",
                        "x.tcps:1:6: error: `9223372037s` is too long a duration: at most 596523h (2^31 s, as far as "
                                + "tcpdump's clock goes)"),
                check("a payload larger than a segment (was IllegalArgumentException)",
                        "client send[P.]\"" + "A".repeat(70_000) + "\"\n",
                        "x.tcps:1:16: error: a payload of 70000 bytes does not fit in one segment: an IPv4 packet holds "
                                + "at most 65495 bytes of payload"),
                run("a name bound by an expect that failed (was NullPointerException)",
                        "scenario\"\"{expect ACK as oldfin\nclient connect\nexpect client>server seq=oldfin.seq}\n",
                        ExitCode.FAILED,
                        "x.tcps:3:26: failed: `oldfin` names no segment: the expect that would have named it found none"),
                check("an ordinal past 64 bits (was NumberFormatException)",
                        "drop 9999999999999999999th\n",
                        "x.tcps:1:6: error: which segment must be between 1 and 1000000, not 9999999999999999999"),
                check("a percentage with two points (was NumberFormatException)",
                        "loss 1.5.5%\n",
                        "x.tcps:1:6: error: `1.5.5%` is not a percentage; write it as in `loss 5%` or `loss 0.5%`"),
                check("50,000 terms (was StackOverflowError)",
                        "client send SYN seq=" + "1+".repeat(50_000) + "1\n",
                        "x.tcps:1:222: error: this expression is too deep: more than 100 operators and parentheses; "
                                + "split it into parts with `let`"),
                check("50,000 parentheses",
                        "client send SYN seq=" + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n",
                        "x.tcps:1:121: error: this expression is too deep: more than 100 operators and parentheses; "
                                + "split it into parts with `let`"),
                check("50,000 blocks",
                        "scenario \"x\" {".repeat(50_000) + "\n",
                        "x.tcps:1:1414: error: blocks nest too deeply: more than 100 `{` open at once"),
                check("the longest wait there is (was a run for ever)",
                        "client connect\nwait 2562047h\n",
                        "x.tcps:2:6: error: `2562047h` is too long a duration: at most 596523h (2^31 s, as far as "
                                + "tcpdump's clock goes)"),
                run("a wait past the virtual-time limit (was a run for ever, or out of memory)",
                        "server stops reading\nclient connect\nclient write 200000\nwait 500000h\n",
                        ExitCode.FAILED,
                        "x.tcps:4:1: failed: the scenario ran past 24h of virtual time, the limit of a run "
                                + "(--max-virtual-time)"),
                run("a negative count from a let (was NegativeArraySizeException)",
                        "let n = -1\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:3:14: failed: `n` is -1, but a byte count must be between 1 and 1099511627776"),
                run("a count past 40 bits from a let",
                        "let n = 4294967295*257\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:3:14: failed: `n` is 1103806594815, but a byte count must be between 1 and 1099511627776"),
                run("a name whose let failed",
                        "let n = 4294967295*4294967295\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:3:14: failed: `n` has no value: the `let` that names it failed"),
                run("a zero count from a let (was nothing written, exit 0)",
                        "let n = 0\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:3:14: failed: `n` is 0, but a byte count must be between 1 and 1099511627776"),
                run("2000000000 bytes from a let (was out of memory)",
                        "let n = 2000000000\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:3:1: failed: the scenario's applications wrote more than 64 MiB, the limit of a run "
                                + "(--max-bytes-written)"),
                run("a read count computed negative",
                        "let n = -5\nclient connect\nwait 1s\nserver read n\n", ExitCode.FAILED,
                        "x.tcps:4:13: failed: `n` is -5, but a byte count must be between 1 and 16777216"),
                run("a window past 16 bits from a let",
                        "let w = 70000\nclient send SYN win=w\n", ExitCode.FAILED,
                        "x.tcps:2:21: failed: `w` is 70000, but a window must be between 0 and 65535"),
                run("an urgent pointer past 16 bits from a let",
                        "let w = 70000\nclient send SYN urg=w\n", ExitCode.FAILED,
                        "x.tcps:2:21: failed: `w` is 70000, but an urgent pointer must be between 0 and 65535"),
                run("a window computed from a segment",
                        "server scripted\nclient connect\nexpect SYN as p\nserver send SYN-ACK win=p.win*100000\n",
                        ExitCode.FAILED,
                        "x.tcps:4:25: failed: `p.win*100000` is 6549500000, but a window must be between 0 and 65535"),
                run("a value past 64 bits",
                        "let n = 4294967295*4294967295*4294967295\nclient connect\nclient write n\n", ExitCode.FAILED,
                        "x.tcps:1:9: failed: this value does not fit in 64 bits"),
                run("more writes than the limit (was 3 GB of memory)",
                        "server stops reading\nclient connect\n" + "client write 16777216\n".repeat(5),
                        ExitCode.FAILED,
                        "x.tcps:7:1: failed: the scenario's applications wrote more than 64 MiB, the limit of a run "
                                + "(--max-bytes-written)"),
                check("a link delay past 64 bits of microseconds (was a silent overflow)",
                        "link delay 9223372036854775807us\nclient connect\n",
                        "x.tcps:1:12: error: `9223372036854775807us` is too long a duration: at most 596523h (2^31 s, "
                                + "as far as tcpdump's clock goes)"),
                run("a repeat inside a repeat (was a run of 10^12 statements)",
                        "client connect\nrepeat 1000000 {\n repeat 1000000 {\n  let x = 1\n }\n}\n", ExitCode.FAILED,
                        "x.tcps:4:3: failed: the scenario ran 100000 statements (each round of a repeat counted), the "
                                + "limit of a run (--max-statements)"),
                check("a macro that passes a growing expression on (was NullPointerException)",
                        macros("m%d(x+x+x+x)", 7, "let v = x"),
                        "x.tcps:5:20: error: this expression is too deep: more than 100 operators and parentheses; "
                                + "split it into parts with `let` (in `m4(1+1+1+1..."),
                check("a macro that passes a growing argument on (was out of memory)",
                        macros("m%d(x x x x)", 14, "let v = 1"),
                        "x.tcps:7:15: error: the expansion of `m5(...)` is longer than 1 MiB of text; do macros pass "
                                + "growing arguments to each other? (in `m6(1 1 1..."),
                check("many calls of a macro in a large file (was minutes of work)",
                        "macro m0(x) { let v = 1 }\nmacro big(x) { " + "m0(x); ".repeat(20) + "}\nclient connect\n"
                                + ("big(\"" + "A".repeat(20_000) + "\")\n").repeat(600),
                        "x.tcps:2:44: error: the script's macro calls expand more than 64 MiB of text in all "
                                + "(`m0(...)` is one too many); call fewer macros, or define them in a smaller file (in "
                                + "`big(\"AAAA..."),
                run("a time since a name bound by an expect that failed (was NullPointerException; found by the fuzzer)",
                        "client connect\nexpect client>server SYN\nexpect client>server[.]\n"
                                + "expect client>server FIN-ACK seq=1 ack=1 as fin\nexpect ack=2 after 4s since fin\n",
                        ExitCode.FAILED,
                        "x.tcps:5:29: failed: `fin` names no segment: the expect that would have named it found none"),
                check("a megabyte-long profile parameter (was seconds of did-you-mean; found by the fuzzer)",
                        "profile p extends linux {\n  win" + "x".repeat(1 << 20) + " 1\n}\nclient connect\n",
                        "x.tcps:2:3: error: unknown profile parameter `win" + "x".repeat(100) + "..."),
                run("a sent length larger than a segment (was NoSuchElementException; found by the fuzzer)",
                        "client send[.]seq=1 length 65535 win=0\n", ExitCode.FAILED,
                        "x.tcps:1:21: failed: a payload of 65535 bytes does not fit in one segment: an IPv4 packet "
                                + "holds at most 65495 bytes of payload with these options"),
                run("an ACK storm (was out of memory, or no output at all)",
                        "stack rfc9293\nhost attacker at 10.0.0.66\nclient connect\nexpect SYN\nexpect SYN-ACK\n"
                                + "expect ACK\nattacker send [P.] from client to server seq=1 ack=1 \"evil\"\nwait 1h\n",
                        ExitCode.FAILED,
                        "x.tcps:8:1: failed: the scenario simulated 2000 events (segments arriving, timers firing), the "
                                + "limit of a run (--max-events); something keeps sending",
                        "--max-events", "2000"),
                run("the segments of an ACK storm that nothing expected (was a line of 700 KB)",
                        "stack rfc9293\nhost attacker at 10.0.0.66\nclient connect\nexpect SYN\nexpect SYN-ACK\n"
                                + "expect ACK\nattacker send [P.] from client to server seq=1 ack=1 \"evil\"\nwait 1h\n",
                        ExitCode.FAILED, "note: 1997 segments (5 to 2001) were sent but not matched by any expect",
                        "--max-events", "2000"));
    }

    /** Macros m1..mN, each calling the one below with {@code call}'s argument; m0 runs {@code body}; then mN(1). */
    private static String macros(String call, int n, String body) {
        StringBuilder sb = new StringBuilder("macro m0(x) { " + body + " }\n");
        for (int i = 1; i <= n; i++) {
            sb.append("macro m").append(i).append("(x) { ").append(String.format(call, i - 1)).append(" }\n");
        }
        return sb.append("client connect\nm").append(n).append("(1)\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithAPlainMessageAndTheDocumentedStatus(Case c) throws IOException {
        Files.writeString(dir.resolve("x.tcps"), c.script(), StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(c.args());
        args.add("x.tcps");
        CliRun r = CliRun.merged(dir, args.toArray(String[]::new));
        assertEquals(c.exit(), r.exit(), () -> r.out());
        // a line that ends in "..." is matched by its start (the rest quotes a megabyte of the script)
        String prefix = c.expected().endsWith("...") ? c.expected().substring(0, c.expected().length() - 3) : null;
        assertTrue(r.out().lines().anyMatch(l -> prefix != null ? l.startsWith(prefix) : l.equals(c.expected())),
                () -> "expected the line\n" + c.expected()
                + "\nin\n" + shorten(r.out()));
        assertFalse(r.out().contains("internal error") || r.out().contains("\tat "), () -> shorten(r.out()));
    }

    private static String shorten(String s) {
        return s.length() < 5000 ? s : s.substring(0, 5000) + "...";
    }

    @Test
    void oneErrorOnAMegabyteLineIsOneScreenNotMegabytes() throws IOException {
        String line = "client send SYN " + "x".repeat(1 << 20) + " seq=1\n";
        Files.writeString(dir.resolve("x.tcps"), line, StandardCharsets.UTF_8);
        CliRun r = CliRun.separate(dir, "check", "x.tcps");
        assertEquals(ExitCode.SCRIPT_ERROR, r.exit());
        assertTrue(r.err().length() < 2000, () -> r.err().length() + " characters:\n" + shorten(r.err()));
        List<String> lines = r.err().lines().toList();
        // the caret still sits under the column it names
        int caret = lines.get(2).indexOf('^');
        assertEquals('x', lines.get(1).charAt(caret), r.err());
    }
}
