package tcps.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tcps.grammar.ScriptParser;
import tcps.syntax.Source;

/** Static errors: each bad script and the exact message the user reads, at its place. */
class CheckerMessagesTest {

    static List<String> errors(String script) {
        ScriptParser.Result parsed = ScriptParser.parse(new Source("t.tcps", script));
        assertTrue(parsed.ok(), () -> "expected the script to parse, got " + parsed.errors());
        return Checker.check(parsed.script()).errors().stream()
                .map(d -> d.span() + ": " + d.message()).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        expect SYNACK                        | 1:8: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])
        expect SYN-FOO                       | 1:8: unknown flag `FOO`; flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])
        expect [SX]                          | 1:8: unknown flag letter `X` in `[SX]`; tcpdump's letters are F S R P . U E W (the dot is ACK)
        expect [SS]                          | 1:8: flag letter `S` appears twice in `[SS]`
        expect SYN-SYN                       | 1:8: flag SYN appears twice in `SYN-SYN`
        expect []                            | 1:8: empty flags `[]`; write [none] for a segment without flags
        expect client state SYN-RECV         | 1:21: unknown state `SYN-RECV` (did you mean SYN-RECEIVED? tcps spells states as RFC 9293 does); states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT
        expect client state OPEN             | 1:21: unknown state `OPEN`; states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT
        attacker connect                     | 1:1: unknown endpoint `attacker`; the endpoints are client and server (declare more with `host NAME at ADDRESS`)
        expect client > client SYN           | 1:8: a segment goes from one endpoint to the other; `client > client` names client twice
        stack solaris                        | 1:7: unknown stack `solaris`; known stacks are bsd-1990, linux, macos, rfc9293
        expect SYN win=isn                   | 1:16: `isn` is a sequence number; it can only be used in seq= and ack=, not in a window
        expect SYN win=70000                 | 1:16: a window must be between 0 and 65535, not 70000
        expect SYN <wscale 15>               | 1:20: a window scale must be between 0 and 14, not 15
        expect SYN ack=attacker.isn          | 1:16: unknown endpoint `attacker`; the endpoints are client and server (declare more with `host NAME at ADDRESS`)
        client write 0                       | 1:14: a byte count must be between 1 and 1099511627776, not 0
        drop next 0                          | 1:11: a segment count must be between 1 and 1000000, not 0
        client send [P.] length 5 "hello"    | 1:18: a sent segment takes its payload as "text" or as a length of filler bytes, not both
        client setsockopt SO_FOO 1           | 1:19: unknown socket option `SO_FOO`; tcps knows SO_RCVBUF, SO_SNDBUF, TCP_MAXSEG, TCP_NODELAY, SO_LINGER, TCP_USER_TIMEOUT
        client setsockopt TCP_NODELAY 5s     | 1:31: `TCP_NODELAY` takes `on` or `off`
        client setsockopt TCP_MAXSEG 10     | 1:30: `TCP_MAXSEG` must be between 88 and 32767 bytes, not 10
        client setsockopt SO_LINGER maybe    | 1:29: `SO_LINGER` takes a time (`0`, `3s`) or `off`
        server listen backlog 5000           | 1:23: a backlog must be between 0 and 4096, not 5000
        server setsockopt SO_RCVBUF 5s       | 1:29: `SO_RCVBUF` takes a number of bytes, such as `SO_RCVBUF 4096`
        client send ACK; expect client readable 1 | 1:25: client is scripted (`send` at 1:1): it has no socket to read from
        client send SYN <TS>                 | 1:18: a sent TS option needs its values: TS val N ecr N
        expect SYN seq=1 seq=2               | 1:18: this field is already given at 1:12
        expect SYN seq=guess                 | 1:16: unknown name `guess`; name a value with `let guess = ...` or a segment with `expect ... as guess` before using it
        expect SYN seq=isn+isn               | 1:16: adding two sequence numbers means nothing; add a number of bytes to one, or subtract one from the other
        expect SYN seq=2*isn                 | 1:16: a sequence number cannot be multiplied; only numbers of bytes can
        expect SYN seq=-isn                  | 1:16: a sequence number cannot be negated; subtract it from another to get a distance
        expect SYN seq=1-isn                 | 1:16: a number minus a sequence number means nothing; write the sequence number first
        let x = isn + 1                      | 1:9: a bare `isn` needs a seq= or ack= field to know whose ISN it is; write client.isn or server.isn
        let client = 5                       | 1:5: `client` is an endpoint; choose another name
        client send SYN win>5                | 1:17: a sent segment's fields are values, not comparisons: write win=N
        expect SYN after 1s since probe      | 1:27: unknown segment `probe`; name one with `expect ... as probe` before
        expect client.snd_una == isn         | 1:26: a bare `isn` needs a seq= or ack= field to know whose ISN it is; write client.isn or server.isn
        expect client.snd_una == 5 + probe.win | 1:30: unknown name `probe`; name a value with `let probe = ...` or a segment with `expect ... as probe` before using it
        repeat 0 { wait 1s }                 | 1:8: a repeat count must be between 1 and 1000000, not 0
        expect client error EFOO             | 1:21: unknown error `EFOO`; errors are ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, EADDRNOTAVAIL, ENOTCONN, ECONNCLOSING
        wait until client state DONE         | 1:25: unknown state `DONE`; states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT
        reorder next 1                       | 1:14: the number of segments to reorder must be between 2 and 1000000, not 1
        """)
    void oneError(String script, String expected) {
        assertEquals(List.of(expected), errors(script));
    }

    @Test
    void anEndpointIsEitherAStackOrScripted() {
        assertEquals(List.of("3:1: `send` makes client scripted, but it is already a TCP stack (`connect` at 2:1); "
                + "an endpoint is either driven by socket calls (connect, listen, write, close) or crafts its own "
                + "segments with send, not both"),
                errors("server listen\nclient connect\nclient send SYN\n"));
        assertEquals(List.of("2:1: `write` makes client a TCP stack, but it is already scripted (`send` at 1:1); "
                + "an endpoint is either driven by socket calls (connect, listen, write, close) or crafts its own "
                + "segments with send, not both"),
                errors("client send SYN\nclient write 5\n"));
    }

    @Test
    void namesAreUsedAfterTheyAreDeclaredAndAsWhatTheyAre() {
        assertEquals(List.of(), errors("client send SYN\nexpect SYN-ACK as synack\nlet guess = synack.seq + 64000\n"
                + "client send ACK ack=guess win=synack.win\n"));
        assertEquals(List.of("2:16: `p` names a segment; use one of its fields: p.seq, p.ack, p.win, p.len, p.time"),
                errors("expect SYN as p\nexpect SYN seq=p\n"));
        assertEquals(List.of("2:18: a segment has no field `sq`; its fields are seq, ack, win, len and time (µs since the start)"),
                errors("expect SYN as p\nexpect SYN seq=p.sq\n"));
        assertEquals(List.of("2:16: `n` is a value, not a segment; write `n` alone"),
                errors("let n = 5\nexpect SYN seq=n.seq\n"));
        assertEquals(List.of("2:16: `p.seq` is a sequence number; it can only be used in seq= and ack=, not in a window"),
                errors("expect SYN as p\nexpect SYN win=p.seq\n"));
        assertEquals(List.of("2:5: `p` is already named at 1:15"), errors("expect SYN as p\nlet p = 1\n"));
        assertEquals(List.of("1:12: an ISN must be written as a number here: `n` is known only once the scenario runs"),
                errors("client isn n\nlet n = 1\n").subList(0, 1));
    }

    @Test
    void profilesExtendKnownStacksWithParametersOfTheRightKind() {
        assertEquals(List.of(), errors("profile lab extends linux { syn_retries 2; time_wait 30s; sack off }\n"
                + "stack lab\nclient connect\n"));
        assertEquals(List.of("1:9: `linux` is a built-in stack; give your profile another name"),
                errors("profile linux { syn_retries 2 }\nclient connect\n"));
        assertEquals(List.of("1:21: unknown stack `bsd`; a profile extends one of bsd-1990, linux, macos, rfc9293"),
                errors("profile lab extends bsd { syn_retries 2 }\nclient connect\n"));
        assertEquals(List.of("1:41: syn_retries takes a whole number, as in `syn_retries 0`"),
                errors("profile lab extends linux { syn_retries 2s }\nclient connect\n"));
        assertEquals(List.of("1:34: sack is on or off: write `sack true` or `sack false`"),
                errors("profile lab extends linux { sack 1 }\nclient connect\n"));
        assertEquals(List.of("2:7: unknown stack `labb`; known stacks are bsd-1990, lab, linux, macos, rfc9293"),
                errors("profile lab extends linux { sack off }\nstack labb\nclient connect\n"));
    }

    @Test
    void hostsAddEndpointsAndForgedSegmentsCarryTheirOwnNumbers() {
        assertEquals(List.of(), errors("host attacker at 10.0.0.66\nclient scripted\nattacker send SYN\n"
                + "attacker send ACK from client to server seq=1 ack=attacker.isn\n"));
        assertEquals(List.of("1:6: `server` always exists; a host needs another name"),
                errors("host server at 10.0.0.1\nclient connect\n"));
        assertEquals(List.of("2:1: unknown endpoint `mallory`; the endpoints are client, server and attacker"),
                errors("host attacker at 10.0.0.66\nmallory send SYN\n"));
        assertEquals(List.of("1:1: unknown endpoint `attacker`; the endpoints are client and server "
                + "(declare more with `host NAME at ADDRESS`)"), errors("attacker send SYN\n"));
        assertEquals(List.of("2:24: a forged segment needs seq=: attacker keeps no numbers for a connection it is "
                + "not part of", "2:24: a forged segment with the ACK flag needs ack=: attacker keeps no numbers for "
                + "a connection it is not part of"),
                errors("host attacker at 10.0.0.66\nattacker send ACK from client to server\n"));
        assertEquals(List.of("2:34: a segment goes from one endpoint to another; this one would go from client to "
                + "itself"), errors("host attacker at 10.0.0.66\nattacker send SYN from client to client seq=1\n"));
    }

    @Test
    void aScriptedEndpointHasNoState() {
        assertEquals(List.of("2:8: client is scripted (`send` at 1:1): it has no TCP state to expect"),
                errors("client send SYN\nexpect client state SYN-SENT\n"));
    }

    @Test
    void setupComesBeforeTheFirstAction() {
        assertEquals(List.of("2:1: setup statements come before the scenario starts acting; move this above line 1"),
                errors("client connect\nclient isn 5\n"));
    }

    @Test
    void settingsAreGivenOnce() {
        assertEquals(List.of("2:1: the ISN of client is already set at line 1"),
                errors("client isn 1\nclient isn 2\nclient connect\n"));
        assertEquals(List.of("2:1: the stack is already chosen at line 1"),
                errors("stack linux\nstack rfc9293\nclient connect\n"));
    }

    @Test
    void twoEndpointsCannotShareAnAddressAndPort() {
        assertEquals(List.of("1:1: client and server are both at 127.0.0.1 port 1234; give them different ports"),
                errors("client at 127.0.0.1 port 1234\nclient connect\n"));
    }

    /**
     * A line with several mistakes shows all of them in one run: its syntax error, the build errors
     * of its other fields, and the checker's errors about the parts that parsed; never an error
     * that only follows from a broken part (a name it was to give, a field it was to hold).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> severalMistakes() {
        return java.util.stream.Stream.of(
                mistakes("expect SYN-ACK ack=foo win>x wnd=3 seq=99999999999999999999 after 2 parsecs",
                        "1:20: unknown name `foo`; name a value with `let foo = ...` or a segment with `expect ... as "
                                + "foo` before using it",
                        "1:28: unknown name `x`; name a value with `let x = ...` or a segment with `expect ... as x` "
                                + "before using it",
                        "1:30: unknown field `wnd`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>",
                        "1:40: `99999999999999999999` is larger than 32 bits",
                        "1:67: `2` needs a unit: write 2s, 2ms or 2us"),
                mistakes("expect SYNACK ack=foo +",
                        "1:8: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, "
                                + "ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])",
                        "1:19: unknown name `foo`; name a value with `let foo = ...` or a segment with `expect ... as "
                                + "foo` before using it",
                        "1:24: expected a number or `isn`, found end of file"),
                mistakes("drop next 99999999999999999999 server > attacker FIN-ACKK",
                        "1:11: `99999999999999999999` is larger than 32 bits",
                        "1:41: unknown endpoint `attacker`; the endpoints are client and server (declare more with "
                                + "`host NAME at ADDRESS`)",
                        "1:50: unknown flag `ACKK`; flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined with - "
                                + "(SYN-ACK), or tcpdump's letters in brackets ([S.])"),
                // two syntax errors in one line, and the checker's errors about the fields between them
                mistakes("expect SYNACK ack=) win>x seq=(1 len=y after 5",
                        "1:8: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, "
                                + "ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])",
                        "1:19: expected a number or `isn`, found `)`",
                        "1:25: unknown name `x`; name a value with `let x = ...` or a segment with `expect ... as x` "
                                + "before using it",
                        "1:34: expected `)`, found `len`",
                        "1:38: unknown name `y`; name a value with `let y = ...` or a segment with `expect ... as y` "
                                + "before using it",
                        "1:46: `5` needs a unit: write 5s, 5ms or 5us"),
                mistakes("client send SYNN seq=1 ack=) win=x",
                        "1:13: unknown flag `SYNN`; flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined with - "
                                + "(SYN-ACK), or tcpdump's letters in brackets ([S.])",
                        "1:28: expected a number or `isn`, found `)`",
                        "1:34: unknown name `x`; name a value with `let x = ...` or a segment with `expect ... as x` "
                                + "before using it"),
                mistakes("host attacker at 10.0.0.66\nattacker send ACK from client seq=1 ack=1 to server",
                        "2:43: write where a forged segment goes once, `from` and `to` together: `from client to "
                                + "server`"),
                mistakes("repeat 3 {\n  client conect\n  expect SYNACK\n}",
                        "2:10: unknown action `conect`; after an endpoint comes an action such as connect, listen, "
                                + "write, send or close; did you mean `connect`?",
                        "3:10: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, "
                                + "ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])"),
                // what a broken statement was to give is not reported missing where it is used
                mistakes("let y = 5 +\nexpect SYN seq=y", "1:12: expected a number or `isn`, found end of line"),
                mistakes("let y = 99999999999999999999\nexpect SYN win=y",
                        "1:9: `99999999999999999999` is larger than 32 bits"),
                mistakes("expect SYN after 5 as probe\nexpect ACK ack=probe.seq+1",
                        "1:18: `5` needs a unit: write 5s, 5ms or 5us"),
                mistakes("host attacker at 1.2.3.999\nattacker send SYN", "1:18: `1.2.3.999` is not an IPv4 address"),
                mistakes("host attacker at 10.0.0.66\nattacker send ACK from client to server sqe=1000 ack=1",
                        "2:41: unknown field `sqe`; fields are seq, ack, win, urg, len (or length N), a \"payload\" "
                                + "and <options>"),
                mistakes("profile lab extends linux {\n  syn_retries\n}\nstack lab",
                        "2:14: expected a value (a number, a duration or a word), found end of line"),
                mistakes("macro m(a b) { a connect }\nm(client)",
                        "1:11: expected `,` or `)`, found `b`"),
                mistakes("import \"../x\"\nhandshake(client, server)\nexpect ACK ack=syn.seq+1",
                        "1:8: cannot import \"../x\" here: imports are read only from a script file"));
    }

    private static org.junit.jupiter.params.provider.Arguments mistakes(String script, String... expected) {
        return org.junit.jupiter.params.provider.Arguments.of(script, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("severalMistakes")
    void everyMistakeOfALineInOnePass(String script, List<String> expected) {
        Source source = new Source("t.tcps", script);
        ScriptParser.Result parsed = ScriptParser.parse(source);
        assertTrue(!parsed.ok() && parsed.partial() != null, () -> "expected a partial tree, got " + parsed.errors());
        List<String> shown = ScriptParser.together(source, parsed.errors(),
                Checker.checkRest(parsed.partial(), parsed.unsure())).stream()
                .map(d -> d.span() + ": " + d.message()).toList();
        assertEquals(expected, shown);
    }

    @Test
    void anErrorInAMacroIsShownInTheMacroAsWritten() {
        // with the arguments in place the line reads `expect client > server SYNACK ack=foo`: the
        // columns are those of the macro's text, which is the line shown
        ScriptParser.Result parsed = ScriptParser.parse(new Source("t.tcps",
                "macro m(a, b) {\n  expect a > b SYNACK ack=foo\n}\nm(client, server)"));
        List<tcps.syntax.Diagnostic> errors = Checker.check(parsed.script()).errors();
        assertEquals(List.of("2:16: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, "
                + "ECE, CWR joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.]) (in `m(client, server)`, "
                + "called at t.tcps:4:1)", "2:27: unknown name `foo`; name a value with `let foo = ...` or a segment "
                + "with `expect ... as foo` before using it (in `m(client, server)`, called at t.tcps:4:1)"),
                errors.stream().map(d -> d.span() + ": " + d.message()).toList());
        assertEquals("  expect a > b SYNACK ack=foo", errors.get(0).source().line(2), "the line shown is the macro's");
    }

    @Test
    void everyErrorIsReportedInOneGoInSourceOrder() {
        assertEquals(List.of(
                "1:7: unknown stack `bsd`; known stacks are bsd-1990, linux, macos, rfc9293",
                "2:8: unknown flag `SYNACK` (did you mean SYN-ACK?); flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR "
                        + "joined with - (SYN-ACK), or tcpdump's letters in brackets ([S.])",
                "3:21: unknown state `DONE`; states are CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, "
                        + "FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT"),
                errors("stack bsd\nexpect SYNACK\nexpect client state DONE\n"));
    }

    @Test
    void validScriptsHaveNoErrors() {
        assertEquals(List.of(), errors("client send SYN; expect SYN-ACK ack=isn+1; drop next\n"));
        assertEquals(List.of(), errors("server listen\nclient connect\nexpect [S] seq=isn\n"
                + "expect server > client SYN-ACK ack=client.isn+1\nexpect client state ESTABLISHED\n"));
    }
}
