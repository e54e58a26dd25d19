package tcps.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tcps.syntax.Diagnostic;
import tcps.syntax.Source;
import tcps.syntax.Span;

/**
 * What a user reads for each mistake, word for word, and where it points. Messages are part of the
 * user interface: a change here is a change users see, so every row is exact.
 */
class SyntaxErrorTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // ---- the start of a statement
                row("handshake(client)", "1:1: unknown macro `handshake`; no macros are defined or imported here; "
                        + "define one with `macro handshake(...) { ... }` or import it"),
                row("macro m(a, b) { a connect }\nm(client)", "2:1: `m` takes 2 arguments (a, b), not 1"),
                // an error in a macro is shown at its column in the macro as written, not in the text
                // with the arguments in place (`client conect` would put it at 2:10)
                row("macro m(a) {\n  a conect\n}\nm(client)", "2:5: unknown action `conect`; after an endpoint comes an "
                        + "action such as connect, listen, write, send or close; did you mean `connect`? "
                        + "(in `m(client)`, called at t.tcps:4:1)"),
                // ... and one in an argument at the parameter it replaced
                row("macro m(a, n) {\n  a write n; a wirte 1\n}\nm(client, 99999999999999999999)",
                        "2:11: `99999999999999999999` is larger than 32 bits (in `m(client, 99999999999999999999)`, "
                                + "called at t.tcps:4:1)",
                        "2:16: unknown action `wirte`; after an endpoint comes an action such as connect, listen, "
                                + "write, send or close; did you mean `write`? (in `m(client, 99999999999999999999)`, "
                                + "called at t.tcps:4:1)"),
                // a call in a macro is named at its place in that macro as written
                row("macro inner(x) {\n  x conect\n}\nmacro outer(endpoint) {\n  endpoint write 1; inner(endpoint)\n}\n"
                        + "outer(client)",
                        "2:5: unknown action `conect`; after an endpoint comes an action such as connect, listen, "
                                + "write, send or close; did you mean `connect`? (in `inner(client)`, called at "
                                + "t.tcps:5:21) (in `outer(client)`, called at t.tcps:7:1)"),
                row("macro m(a) { m(a) }\nm(client)", "1:14: macros call macros more than 16 deep here (`m(client)`); "
                        + "does a macro call itself? (in `m(client)`, called at t.tcps:1:14) "
                        + "(in `m(client)`, called at t.tcps:2:1)"),
                row("import \"../x\"\nclient connect", "1:8: cannot import \"../x\" here: imports are read only from a "
                        + "script file"),
                row("frobnicate",
                        "1:1: unknown statement `frobnicate`; statements start with an endpoint (`client connect`) "
                                + "or a keyword such as expect, wait, drop, stack"),
                row("frobnicate client connect",
                        "1:1: unknown statement `frobnicate`; statements start with an endpoint (`client connect`) "
                                + "or a keyword such as expect, wait, drop, stack"),
                row("expct SYN",
                        "1:1: unknown statement `expct`; statements start with an endpoint (`client connect`) "
                                + "or a keyword such as expect, wait, drop, stack; did you mean `expect`?"),
                row("wiat 1s",
                        "1:1: unknown statement `wiat`; statements start with an endpoint (`client connect`) "
                                + "or a keyword such as expect, wait, drop, stack; did you mean `wait`?"),
                row("client conect",
                        "1:8: unknown action `conect`; after an endpoint comes an action such as connect, listen, "
                                + "write, send or close; did you mean `connect`?"),
                row("client",
                        "1:7: expected an action after `client` (such as connect, listen, write, send or close), found end of file"),
                row("connect", "1:1: `connect` needs an endpoint before it, as in `client connect`"),
                row("42", "1:1: expected a statement (such as `client connect`, `expect SYN`, `wait 1s`), found `42`"),
                row("client state ESTABLISHED",
                        "1:1: a state check starts with `expect`, as in `expect client state ESTABLISHED`"),
                row("expect", "1:7: expected a segment (such as `SYN-ACK ack=1`), a state (such as "
                        + "`client state ESTABLISHED`), an error (such as `client error ETIMEDOUT`) or `nothing` "
                        + "after `expect`, found end of file"),
                // ---- missing or misplaced values
                row("client isn", "1:11: expected a number or `isn`, found end of file"),
                row("client isn\nclient connect", "1:11: expected a number or `isn`, found end of line"),
                row("expect SYN ack=isn+", "1:20: expected a number or `isn`, found end of file"),
                row("expect SYN-ACK seq=isn+ ack=1", "1:23: nothing follows `+`: `ack` is the next field, not a "
                        + "value; write a number after it, as in `isn+1`"),
                row("expect SYN-ACK ack=isn- win>0", "1:23: nothing follows `-`: `win` is the next field, not a value; "
                        + "write a number after it, as in `isn-1`"),
                row("expect SYN win< ack=1", "1:15: nothing follows `<`: `ack` is the next field, not a value; "
                        + "write a number after it, as in `win<1`"),
                row("expect SYN seq= ack=1", "1:15: nothing follows `=`: `ack` is the next field, not a value; "
                        + "write a number after it, as in `seq=1`"),
                // a mistake inside a field: the line is read on from the next field, time or `as`
                row("expect SYN ack=) win>0 seq=(1 wnd=2 after 5",
                        "1:16: expected a number or `isn`, found `)`",
                        "1:31: expected `)`, found `wnd`",
                        "1:31: unknown field `wnd`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>",
                        "1:43: `5` needs a unit: write 5s, 5ms or 5us"),
                row("expect SYN seq=(isn+1", "1:22: expected `)`, found end of file"),
                row("client write", "1:13: expected a number or text in double quotes, found end of file"),
                row("client at 1.2.3.4 prot 5", "1:19: expected `port` or the end of the statement, found `prot`"),
                row("client connect now", "1:16: expected the end of the statement, found `now`"),
                row("numbers maybe", "1:9: expected `absolute` or `relative`, found `maybe`"),
                row("stack", "1:6: expected a stack profile (such as `linux`), found end of file"),
                row("expect client >", "1:16: expected an endpoint (such as `client`), found end of file"),
                row("drop next 2 3",
                        "1:13: expected a direction (such as `client > server`), flags (such as `SYN` or `[S.]`) "
                                + "or the end of the statement, found `3`"),
                row("expect client state", "1:20: expected a state (such as `ESTABLISHED`), found end of file"),
                // ---- flags
                row("expect [S.", "1:8: unclosed `[`: tcpdump flags look like [S.]"),
                row("client send", "1:12: expected flags (such as `SYN` or `[S.]`), found end of file"),
                row("client send SYN-", "1:17: expected flags (such as `SYN` or `[S.]`), found end of file"),
                row("client send ack=1", "1:13: `send` needs flags before its fields, as in `client send ACK ack=...`"),
                row("expect SYN ACK", "1:12: `ACK` reads as a field here; join flags with `-`, as in `SYN-ACK`"),
                row("expect [S.] ACK seq=1", "1:13: `ACK` reads as a field here; join flags with `-`, as in `SYN-ACK`"),
                row("client SYN", "1:8: unknown action `SYN`; after an endpoint comes an action such as connect, "
                        + "listen, write, send or close"),
                row("client lisen", "1:8: unknown action `lisen`; after an endpoint comes an action such as connect, "
                        + "listen, write, send or close; did you mean `listen`?"),
                row("client CONNECT", "1:8: unknown action `CONNECT`; after an endpoint comes an action such as connect, "
                        + "listen, write, send or close; did you mean `connect`?"),
                row("expect SYN - ACK", "1:8: write flags without spaces, as in `SYN-ACK`"),
                // ---- fields and options
                row("expect SYN sq=1", "1:12: unknown field `sq`; fields are seq, ack, win, urg, len (or length N), "
                        + "a \"payload\" and <options>"),
                row("expect SYN ack=1:5", "1:17: only `seq` takes a range such as seq=1:8; write ack=N"),
                row("expect SYN foo", "1:12: expected a field (such as `ack=1`), a time (such as `after 1s` or `at +2s`), "
                        + "`as NAME` or the end of the statement, found `foo`"),
                row("drop 2x SYN", "1:6: `2x` is not an ordinal; write `drop next` or `drop 1st`, `2nd`, `3rd`, `4th`, ..."),
                row("corrupt 2nd", "1:9: `corrupt` takes `next`, as in `corrupt next`; only `drop` picks one segment, "
                        + "as in `drop 2nd SYN`"),
                row("loss 150%", "1:6: loss is a percentage between 0% and 100%, not 150%"),
                row("expect nothing", "1:15: expected `for` or `more`, found end of file"),
                row("profile lab extends linux { syn_retries }", "1:41: expected a value (a number, a duration or a word), found `}`"),
                row("expect SYN <foo>", "1:13: unknown option `foo`; options are mss N, wscale N, sackOK, "
                        + "TS [val N ecr N], sack N {l:r}..., nop, eol"),
                row("expect ACK <sack 2 {1:2}>", "1:18: `sack 2` is followed by 1 block; the count must match, from 1 to 4"),
                row("expect ACK <sack {1:2}>", "1:13: write SACK blocks as tcpdump does: `sack 2 {1001:2001}{3001:4001}`"),
                row("scenario \"a\" {\n  expect ACK {1:2}\n  wait 1s\n}", "2:14: expected a field (such as `ack=1`), a time (such as `after 1s` or `at +2s`), `as NAME` or the end of the statement, found `{`"),
                row("expect SYN <TS val 5>", "1:16: `TS val` needs `ecr` too: write TS val N ecr N"),
                row("expect SYN <TS 5>", "1:16: write `TS val N ecr N`, or `TS` alone to check only that timestamps are there"),
                row("expect SYN <mss>", "1:13: `mss` needs a value, as in mss 1460"),
                row("expect SYN <mss 1460 sackOK>", "1:22: `mss` takes one value; separate options with `,`"),
                row("expect SYN <nop 1>", "1:17: `nop` takes no value; separate options with `,`"),
                row("expect SYN <mss 1460,>", "1:22: expected an option (such as `mss 1460`), found `>`"),
                row("expect SYN <mss 1460", "1:21: expected `,` or `>`, found end of file"),
                // ---- numbers, durations, addresses, ports
                row("wait 5", "1:6: `5` needs a unit: write 5s, 5ms or 5us"),
                row("wait 1.5", "1:6: `1.5` needs a unit: write 1.5s, 1.5ms or 1.5us"),
                row("wait 127.0.0.1", "1:6: expected a duration (such as `1s` or `200ms`) or `until`, found `127.0.0.1`"),
                row("link delay 5sec", "1:12: unknown unit `sec` in `5sec`; units are us, ms, s, m (minutes) and h"),
                row("wait 0.5us", "1:6: `0.5us` is finer than 1us, the smallest step of the clock"),
                row("wait", "1:5: expected a duration (such as `1s` or `200ms`) or `until`, found end of file"),
                row("expect SYN seq=99999999999", "1:16: `99999999999` is larger than 32 bits"),
                row("client isn 4294967296", "1:12: `4294967296` is larger than 32 bits"),
                row("client at 300.1.2.3", "1:11: `300.1.2.3` is not an IPv4 address"),
                row("client at 1.2.3", "1:11: `1.2.3` is not an IPv4 address"),
                row("client at localhost", "1:11: expected an IPv4 address (such as `127.0.0.1`), found `localhost`"),
                row("client at ::1", "1:11: IPv6 addresses are not supported yet; write an IPv4 address, as in "
                        + "`127.0.0.1`"),
                row("client at fe80::1 port 80", "1:11: IPv6 addresses are not supported yet; write an IPv4 address, "
                        + "as in `127.0.0.1`"),
                row("server port 70000", "1:13: port 70000 is out of range 0 to 65535"),
                row("server port", "1:12: expected a port number, found end of file"),
                // ---- strings
                row("client write \"abc", "1:14: unterminated string: add a closing \" before the end of the line"),
                row("client write \"abc\nclient close", "1:14: unterminated string: add a closing \" before the end of the line"),
                row("client write \"a\\qb\"", "1:16: unknown escape `\\q` in string"),
                row("client write \"\\x4\"", "1:15: `\\x` in a string needs two hex digits, as in \\x0a"),
                // ---- characters that do not belong
                row("client @ connect", "1:8: unexpected character `@`"),
                row("\0\0\0", "1:1: unexpected control character U+0000"),
                row("client connect\u0007", "1:15: unexpected control character U+0007"),
                row("client\u00a0connect", "1:7: unexpected invisible character U+00A0"),
                // ---- files and scenarios
                row("", "1:1: the script is empty: write at least one statement, such as `client connect`"),
                row("# only a comment\n// and another\n\n", "1:1: the script is empty: write at least one statement, such as `client connect`"),
                row(";;\n;", "1:1: the script is empty: write at least one statement, such as `client connect`"),
                row("stack linux\nscenario \"x\" {\n  client connect\n}",
                        "1:1: statements outside a scenario block are not allowed in a file that has scenario blocks; "
                                + "move this into a scenario"),
                row("scenario \"x\" {\n  client connect\n}\nserver listen",
                        "4:1: statements outside a scenario block are not allowed in a file that has scenario blocks; "
                                + "move this into a scenario"),
                row("scenario {\n  client connect\n}", "1:10: a scenario needs a name in double quotes, as in `scenario \"handshake\" {`"),
                row("scenario handshake {\n  client connect\n}", "1:10: a scenario needs a name in double quotes, as in `scenario \"handshake\" {`"),
                row("scenario \"x\" {\n  client connect\n", "1:14: unclosed `{`: end the scenario with `}`"),
                row("scenario \"x\" {\n}\n}", "3:1: unexpected `}`: no scenario is open here"),
                row("client connect }", "1:16: unexpected `}`: no scenario is open here"),
                row("scenario \"a\" {\n  client connect\nscenario \"b\" {\n  server listen\n}",
                        "3:1: a scenario cannot hold another scenario; is a `}` missing above?"),
                // ---- several errors in one go: each statement is checked on its own
                row("client isn\nwait 5",
                        "1:11: expected a number or `isn`, found end of line",
                        "2:6: `5` needs a unit: write 5s, 5ms or 5us"),
                row("frobnicate; client connect; expect SYN sq=1; wait 5",
                        "1:1: unknown statement `frobnicate`; statements start with an endpoint (`client connect`) "
                                + "or a keyword such as expect, wait, drop, stack",
                        "1:40: unknown field `sq`; fields are seq, ack, win, urg, len (or length N), a \"payload\" and <options>",
                        "1:51: `5` needs a unit: write 5s, 5ms or 5us"),
                // ---- several errors in one line: each field, option and time is built on its own
                row("expect SYN-ACK wnd=1 seq=99999999999999999999 after 2parsecs",
                        "1:16: unknown field `wnd`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>",
                        "1:26: `99999999999999999999` is larger than 32 bits",
                        "1:53: unknown unit `parsecs` in `2parsecs`; units are us, ms, s, m (minutes) and h"),
                row("expect SYN <mss, wscale 7 8> \"a\\qb\" win=)",
                        "1:13: `mss` needs a value, as in mss 1460",
                        "1:27: `wscale` takes one value; separate options with `,`",
                        "1:32: unknown escape `\\q` in string",
                        "1:41: expected a number or `isn`, found `)`"),
                row("expect SYN after 2parsecs \u00b1 5lightyears",
                        "1:18: unknown unit `parsecs` in `2parsecs`; units are us, ms, s, m (minutes) and h",
                        "1:29: unknown unit `lightyears` in `5lightyears`; units are us, ms, s, m (minutes) and h"),
                row("client send SYN wnd=5 ack:1",
                        "1:17: unknown field `wnd`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>",
                        "1:23: expected a field (such as `ack=1`), `from`, `to` or the end of the statement, found `ack`"),
                // (was "unknown statement `seq`": a sent segment's fields are read one by one)
                row("client send SYN seq=1 ack=) win=1", "1:27: expected a number or `isn`, found `)`"),
                row("attacker send SYN from client seq=1 ack=1 to server",
                        "1:43: write where a forged segment goes once, `from` and `to` together: `from client to server`"),
                row("expect SYN sq=1 ack=99999999999999999999 after 2",
                        "1:12: unknown field `sq`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>",
                        "1:21: `99999999999999999999` is larger than 32 bits",
                        "1:48: `2` needs a unit: write 2s, 2ms or 2us"),
                row("scenario \"a\" {\n  client isn\n  server port 99999\n}\nscenario \"b\" { wait 5 }",
                        "2:13: expected a number or `isn`, found end of line",
                        "3:15: port 99999 is out of range 0 to 65535",
                        "5:21: `5` needs a unit: write 5s, 5ms or 5us"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mistakes")
    void wordsEachMistakeInTheUsersTerms(String text, List<String> expected) {
        ScriptParser.Result result = ScriptParser.parse(new Source("t.tcps", text));
        assertNull(result.script(), "no script when there are errors");
        assertEquals(expected, result.errors().stream().map(SyntaxErrorTest::shown).toList());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mistakes")
    void neverSpeaksAntlr(String text, List<String> ignored) {
        for (Diagnostic error : ScriptParser.parse(new Source("t.tcps", text)).errors()) {
            for (String jargon : List.of("<EOF>", "mismatched", "viable", "extraneous", "IDENT", "NEWLINE", "token", "rule")) {
                assertFalse(error.message().contains(jargon), error.message());
            }
        }
    }

    @Test
    void pointsAtTheWholeOffendingToken() {
        assertEquals(new Span(1, 1, 10), firstError("frobnicate").span());
        assertEquals(new Span(1, 14, 4), firstError("client write \"abc").span(), "from the opening quote on");
        assertEquals(new Span(1, 8, 3), firstError("expect [S.").span());
        assertEquals(new Span(1, 16, 11), firstError("expect SYN seq=99999999999").span());
        assertEquals(new Span(1, 16, 2), firstError("client write \"a\\qb\"").span(), "the escape itself");
        assertEquals(new Span(1, 11, 1), firstError("client isn").span(), "end of file still gets a caret");
        assertEquals(new Span(1, 8, 9), firstError("expect SYN - ACK").span());
    }

    @Test
    void tellsTheFileItCameFrom() {
        Diagnostic error = ScriptParser.parse(new Source("scenarios/x.tcps", "wait 5")).errors().get(0);
        assertEquals("scenarios/x.tcps", error.source().name());
    }

    @Test
    void stopsAfterTwentyErrors() {
        String garbage = "@\n".repeat(30);
        List<Diagnostic> errors = ScriptParser.parse(new Source("t.tcps", garbage)).errors();
        assertEquals(21, errors.size());
        for (int line = 1; line <= 20; line++) {
            assertEquals(line + ":1: unexpected character `@`", shown(errors.get(line - 1)));
        }
        assertEquals("21:1: too many errors; stopping here", shown(errors.get(20)));
    }

    @Test
    void survivesBinaryFiles() {
        StringBuilder binary = new StringBuilder();
        for (int i = 0; i < 4096; i++) {
            binary.append((char) ((i * 7919) % 256));
        }
        List<Diagnostic> errors = ScriptParser.parse(new Source("t.bin", binary.toString())).errors();
        assertTrue(errors.size() >= 1 && errors.size() <= 21, errors.toString());
    }

    private static Arguments row(String text, String... errors) {
        return Arguments.of(text, List.of(errors));
    }

    private static Diagnostic firstError(String text) {
        return ScriptParser.parse(new Source("t.tcps", text)).errors().get(0);
    }

    private static String shown(Diagnostic error) {
        return error.span().line() + ":" + error.span().column() + ": " + error.message();
    }
}
