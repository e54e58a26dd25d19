package tcps.grammar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tcps.syntax.Expr;
import tcps.syntax.Field;
import tcps.syntax.OptionItem;
import tcps.syntax.Scenario;
import tcps.syntax.Script;
import tcps.syntax.Source;
import tcps.syntax.Span;
import tcps.syntax.Statement;

/** Every statement form of the language, the tree it parses into, and where its parts sit. */
class ScriptParserTest {

    // ---- every statement form -------------------------------------------------------------------

    static Stream<Arguments> statements() {
        return Stream.of(
                // setup
                form("stack linux", "Stack(-, linux)"),
                form("client stack linux", "Stack(client, linux)"),
                form("client stack bsd-1990", "Stack(client, bsd-1990)"),
                form("client scripted", "Scripted(client)"),
                form("numbers absolute", "Numbers(true)"),
                form("numbers relative", "Numbers(false)"),
                form("client at 127.0.0.1 port 47162", "At(client, 127.0.0.1, 47162)"),
                form("client at 127.0.0.1", "At(client, 127.0.0.1, -)"),
                form("server port 1234", "At(server, -, 1234)"),
                form("server port 0", "At(server, -, 0)"),
                form("server port 65535", "At(server, -, 65535)"),
                form("server at 010.000.0.001 port 00080", "At(server, 010.000.0.001, 80)"),
                form("client isn 934227076", "Isn(client, 934227076)"),
                form("client isn 4294967295", "Isn(client, 4294967295)"),
                form("client isn 000000000004294967295", "Isn(client, 4294967295)"),
                form("client ts 2756153644", "Ts(client, 2756153644)"),
                form("link delay 50ms", "LinkDelay(50000us)"),
                // socket calls
                form("server listen", "Call(server, LISTEN, -)"),
                form("client connect", "Call(client, CONNECT, -)"),
                form("client close", "Call(client, CLOSE, -)"),
                form("client shutdown", "Call(client, SHUTDOWN, -)"),
                form("client abort", "Call(client, ABORT, -)"),
                form("server bind", "Call(server, BIND, -)"),
                form("server accept", "Call(server, ACCEPT, -)"),
                form("server listen backlog 1", "Call(server, LISTEN, 1)"),
                form("client shutdown write", "Call(client, SHUTDOWN, -)"),
                form("client shutdown read", "Call(client, SHUTDOWN_READ, -)"),
                form("client shutdown both", "Call(client, SHUTDOWN_BOTH, -)"),
                form("server setsockopt SO_RCVBUF 4096", "SetSockOpt(server, SO_RCVBUF, 4096, -, -)"),
                form("client setsockopt TCP_USER_TIMEOUT 3s", "SetSockOpt(client, TCP_USER_TIMEOUT, -, 3000000us, -)"),
                form("client setsockopt TCP_NODELAY on", "SetSockOpt(client, TCP_NODELAY, -, -, on)"),
                form("client write 13", "Write(client, 13, -)"),
                form("client write \"foobar\\n\"", "Write(client, -, \"foobar\\n\")"),
                form("server read", "Read(server, -)"),
                form("server read 10", "Read(server, 10)"),
                // raw segments
                form("client send SYN", "Send(client, SegmentSpec(SYN, []), -, -)"),
                form("client send [P.] \"hello\"", "Send(client, SegmentSpec([P.], [Data(\"hello\")]), -, -)"),
                form("client send RST seq=isn+1", "Send(client, SegmentSpec(RST, [Seq((isn + 1), -)]), -, -)"),
                form("client send ACK ack=1 win=100", "Send(client, SegmentSpec(ACK, [Ack(1), Win(100)]), -, -)"),
                form("attacker send RST urg=0 len=0", "Send(attacker, SegmentSpec(RST, [Urg(0), Length(0)]), -, -)"),
                // faults and time
                form("drop next", "Fault(DROP, -, -, -, -, -)"),
                form("drop next 2", "Fault(DROP, 2, -, -, -, -)"),
                form("drop next server > client", "Fault(DROP, -, -, server > client, -, -)"),
                form("drop next 2 SYN", "Fault(DROP, 2, -, -, SYN, -)"),
                form("drop next client > server SYN-ACK", "Fault(DROP, -, -, client > server, SYN-ACK, -)"),
                form("drop next 3 server > client [R.]", "Fault(DROP, 3, -, server > client, [R.], -)"),
                form("drop 2nd SYN", "Fault(DROP, -, 2, -, SYN, -)"),
                form("drop 3rd client > server", "Fault(DROP, -, 3, client > server, -, -)"),
                form("duplicate next", "Fault(DUPLICATE, -, -, -, -, -)"),
                form("corrupt next server > client", "Fault(CORRUPT, -, -, server > client, -, -)"),
                form("reorder next 3 client > server", "Fault(REORDER, 3, -, client > server, -, -)"),
                form("delay next 200ms SYN-ACK", "Fault(DELAY, -, -, -, SYN-ACK, 200000us)"),
                form("link rtt 100ms", "LinkRtt(100000us)"),
                form("loss 2.5%", "Loss(2.5)"),
                form("expect ACK <nop,nop,sack 2 {1001:2001}{isn+1:p.seq}>", "ExpectSegment(false, -, SegmentSpec(ACK, [Options([Nop, Nop, Sack([Block(1001, 2001), Block((isn + 1), p.seq)])])]), -, -)"),
                form("host attacker at 10.0.0.66", "Host(attacker, 10.0.0.66, -)"),
                form("host second at 127.0.0.1 port 40000", "Host(second, 127.0.0.1, 40000)"),
                form("attacker send SYN from client to server seq=1", "Send(attacker, SegmentSpec(SYN, [Seq(1, -)]), client, server)"),
                form("attacker send ACK seq=2 from client", "Send(attacker, SegmentSpec(ACK, [Seq(2, -)]), client, -)"),
                form("attacker send SYN to server", "Send(attacker, SegmentSpec(SYN, []), -, server)"),
                form("wait until client state TIME-WAIT", "WaitUntil(client, TIME-WAIT)"),
                form("server stops reading", "StopsReading(server)"),
                form("let guess = probe.seq + 64000", "Let(guess, (probe.seq + 64000))"),
                form("expect SYN after 1s", "ExpectSegment(false, -, SegmentSpec(SYN, []), Timing(AFTER, 1000000us, -, -), -)"),
                form("expect SYN at +3s as third", "ExpectSegment(false, -, SegmentSpec(SYN, []), Timing(AT, 3000000us, -, -), third)"),
                form("expect client error ETIMEDOUT", "ExpectError(client, ETIMEDOUT)"),
                form("expect nothing for 10s", "ExpectNothing(10000000us)"),
                form("expect nothing more", "ExpectNothing(-)"),
                form("expect SYN seq=guess ack=probe.ack+1", "ExpectSegment(false, -, SegmentSpec(SYN, [Seq(guess, -), Ack((probe.ack + 1))]), -, -)"),
                form("wait 60s", "Wait(60000000us)"),
                // expectations
                form("expect client > server SYN seq=isn win=65495 <mss 65495,sackOK,TS,nop,wscale 7>",
                        "ExpectSegment(false, client > server, SegmentSpec(SYN, [Seq(isn, -), Win(65495), "
                                + "Options([Mss(65495), SackPermitted, Timestamps(-, -), Nop, WindowScale(7)])]), -, -)"),
                form("expect SYN-ACK ack=isn+1", "ExpectSegment(false, -, SegmentSpec(SYN-ACK, [Ack((isn + 1))]), -, -)"),
                form("expect [P.] seq=1:8 ack=1 length 7",
                        "ExpectSegment(false, -, SegmentSpec([P.], [Seq(1, 8), Ack(1), Length(7)]), -, -)"),
                form("expect server > client ACK ack=8", "ExpectSegment(false, server > client, SegmentSpec(ACK, [Ack(8)]), -, -)"),
                form("expect client > server ack=1", "ExpectSegment(false, client > server, SegmentSpec(-, [Ack(1)]), -, -)"),
                form("expect client > server", "ExpectSegment(false, client > server, SegmentSpec(-, []), -, -)"),
                form("expect \"GET /\" len=5", "ExpectSegment(false, -, SegmentSpec(-, [Data(\"GET /\"), Length(5)]), -, -)"),
                form("expect SYN <TS val 5 ecr 0,eol>",
                        "ExpectSegment(false, -, SegmentSpec(SYN, [Options([Timestamps(5, 0), Eol])]), -, -)"),
                form("expect SYN <>", "ExpectSegment(false, -, SegmentSpec(SYN, [Options([])]), -, -)"),
                form("expect client state ESTABLISHED", "ExpectState(client, ESTABLISHED)"),
                form("expect server read 100", "ExpectRead(server, 100, -, -)"),
                form("expect server read 0", "ExpectRead(server, 0, -, -)"),
                form("expect server read \"hi\"", "ExpectRead(server, -, \"hi\", -)"),
                form("expect server read error ECONNRESET", "ExpectRead(server, -, -, ECONNRESET)"),
                form("expect server readable 7", "ExpectReadable(server, 7)"),
                form("expect client state TIME-WAIT", "ExpectState(client, TIME-WAIT)"),
                form("expect server state FIN-WAIT-1", "ExpectState(server, FIN-WAIT-1)"),
                form("expect server state SYN-RECEIVED", "ExpectState(server, SYN-RECEIVED)"),
                // the interpreter checks state names; a lowercase one (`wait` is a keyword) reaches it
                form("expect client state time-wait", "ExpectState(client, time-wait)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void parsesEveryStatementForm(String text, String tree) {
        assertEquals(tree, TreeText.of(only(text)));
    }

    private static Arguments form(String text, String tree) {
        return Arguments.of(text, tree);
    }

    // ---- flags, as written ----------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("flagSpellings")
    void keepsFlagsExactlyAsWritten(String flags) {
        Statement.Send send = (Statement.Send) only("client send " + flags);
        assertEquals(flags, send.segment().flags().text());
        assertEquals(flags.startsWith("["), send.segment().flags().bracketed());
    }

    static Stream<String> flagSpellings() {
        // SYNACK and [Q] are the interpreter's to reject: the parser keeps whatever was written
        return Stream.of("SYN", "SYN-ACK", "FIN+ACK", "PSH-ACK", "RST", "SYNACK", "[S]", "[S.]", "[.]",
                "[P.]", "[F.]", "[R.]", "[FP.]", "[none]", "[Q]");
    }

    // ---- expressions ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void readsExpressionsWithUsualPrecedence(String text, String tree) {
        assertEquals(tree, TreeText.of(isnValue("client isn " + text)));
    }

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("0", "0"),
                Arguments.of("isn", "isn"),
                Arguments.of("server.isn", "server.isn"),
                Arguments.of("isn+1", "(isn + 1)"),
                Arguments.of("1 + 2 * 3", "(1 + (2 * 3))"),
                Arguments.of("1 * 2 + 3", "((1 * 2) + 3)"),
                Arguments.of("10 - 2 - 3", "((10 - 2) - 3)"),
                Arguments.of("2 * 3 * 4", "((2 * 3) * 4)"),
                Arguments.of("(1 + 2) * 3", "((1 + 2) * 3)"),
                Arguments.of("-isn", "-isn"),
                Arguments.of("-2 * 3", "(-2 * 3)"),
                Arguments.of("client.isn - -1", "(client.isn - -1)"),
                Arguments.of("((7))", "7"));
    }

    @Test
    void expressionSpansCoverTheTextAsWritten() {
        Source source = new Source("t.tcps", "client isn isn+1");
        Expr value = isnValue(source.text());
        assertEquals(new Span(1, 12, 5), value.span());
        assertEquals("isn+1", source.text(value.span()));

        Expr.Binary sum = (Expr.Binary) isnValue("client isn  (isn + 1) * 2");
        assertEquals(new Span(1, 13, 13), sum.span());
        assertEquals(new Span(1, 13, 9), sum.left().span(), "parentheses belong to what they hold");
        assertEquals(new Span(1, 14, 3), ((Expr.Binary) sum.left()).left().span());

        Expr.Isn isn = (Expr.Isn) isnValue("client isn server.isn");
        assertEquals(new Span(1, 12, 10), isn.span());
        assertEquals(new Span(1, 12, 6), isn.endpoint().span());
    }

    // ---- literals -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void convertsDurationsToMicroseconds(String text, long micros) {
        Statement.Wait wait = (Statement.Wait) only("wait " + text);
        assertEquals(micros, wait.duration().micros());
        assertEquals(new Span(1, 6, text.length()), wait.duration().span());
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("10us", 10L),
                Arguments.of("200ms", 200_000L),
                Arguments.of("1.5s", 1_500_000L),
                Arguments.of("0.001ms", 1L),
                Arguments.of("2m", 120_000_000L),
                Arguments.of("1h", 3_600_000_000L),
                Arguments.of("0s", 0L),
                Arguments.of("127s", 127_000_000L));
    }

    @Test
    void decodesStringEscapesToBytes() {
        String literal = "\"a\\r\\n\\t\\\\\\\"\\0\\x41\\xff é\"";
        Statement.Write write = (Statement.Write) only("client write " + literal);
        byte[] expected = {'a', '\r', '\n', '\t', '\\', '"', 0, 'A', (byte) 0xff, ' ', (byte) 0xc3, (byte) 0xa9};
        assertArrayEquals(expected, write.data().bytes());
        assertEquals(new Span(1, 14, literal.length()), write.data().span());
    }

    @Test
    void readsAnEmptyString() {
        Statement.Write write = (Statement.Write) only("client write \"\"");
        assertEquals(0, write.data().length());
    }

    // ---- spans of nodes -------------------------------------------------------------------------

    @Test
    void placesEveryPartOfASegmentPattern() {
        Source source = new Source("t.tcps", "  expect client > server [P.] seq=1:8 ack=isn+1 length 7 \"hi\" <mss 1460,TS val 1 ecr 2>");
        Statement.ExpectSegment expect = (Statement.ExpectSegment) only(source.text());

        assertEquals(new Span(1, 3, 6), expect.span(), "a statement spans its first token");
        assertEquals("client > server", source.text(expect.direction().span()));
        assertEquals(new Span(1, 10, 6), expect.direction().from().span());
        assertEquals(new Span(1, 19, 6), expect.direction().to().span());
        assertEquals("[P.] seq=1:8 ack=isn+1 length 7 \"hi\" <mss 1460,TS val 1 ecr 2>", source.text(expect.segment().span()));
        assertEquals(new Span(1, 26, 4), expect.segment().flags().span());

        List<Field> fields = expect.segment().fields();
        assertEquals("seq=1:8", source.text(fields.get(0).span()));
        assertEquals("ack=isn+1", source.text(fields.get(1).span()));
        assertEquals("isn+1", source.text(((Field.Ack) fields.get(1)).value().span()));
        assertEquals("length 7", source.text(fields.get(2).span()));
        assertEquals("\"hi\"", source.text(fields.get(3).span()));
        assertEquals("\"hi\"", source.text(((Field.Data) fields.get(3)).payload().span()));
        Field.Options options = (Field.Options) fields.get(4);
        assertEquals("<mss 1460,TS val 1 ecr 2>", source.text(options.span()));
        assertEquals("mss 1460", source.text(options.items().get(0).span()));
        assertEquals("TS val 1 ecr 2", source.text(options.items().get(1).span()));
        assertEquals("2", source.text(((OptionItem.Timestamps) options.items().get(1)).ecr().span()));
    }

    @Test
    void placesNamesAndStatementsAcrossLines() {
        Source source = new Source("t.tcps", "stack linux\n\n   expect server state FIN-WAIT-1 # comment\nclient at 10.0.0.1 port 80");
        List<Statement> statements = script(source.text()).scenarios().get(0).statements();

        Statement.Stack stack = (Statement.Stack) statements.get(0);
        assertEquals(new Span(1, 1, 5), stack.span());
        assertEquals(new Span(1, 7, 5), stack.profile().span());

        Statement.ExpectState state = (Statement.ExpectState) statements.get(1);
        assertEquals(new Span(3, 4, 6), state.span());
        assertEquals(new Span(3, 11, 6), state.endpoint().span());
        assertEquals(new Span(3, 24, 10), state.state().span());

        Statement.At at = (Statement.At) statements.get(2);
        assertEquals(new Span(4, 1, 6), at.span());
        assertEquals(new Span(4, 11, 8), at.address().span());
    }

    @Test
    void countsWindowsAndOldMacLineEndsLikeSourceDoes() {
        for (String newline : List.of("\r\n", "\r")) {
            Source source = new Source("t.tcps", "client connect" + newline + "expect SYN ack=isn+1" + newline);
            Statement.ExpectSegment expect = (Statement.ExpectSegment) script(source.text()).scenarios().get(0).statements().get(1);
            assertEquals(new Span(2, 1, 6), expect.span());
            assertEquals("isn+1", source.text(((Field.Ack) expect.segment().fields().get(0)).value().span()));
        }
    }

    // ---- files: separators, comments, scenarios ---------------------------------------------------

    @Test
    void readsTheShortestScriptAsOneUnnamedScenario() {
        Script script = script("client send SYN; expect SYN-ACK ack=isn+1; drop next");
        assertEquals(1, script.scenarios().size());
        Scenario scenario = script.scenarios().get(0);
        assertNull(scenario.name());
        assertEquals(new Span(1, 1, 6), scenario.span(), "an unnamed scenario spans its first statement");
        assertEquals("[Send(client, SegmentSpec(SYN, []), -, -), ExpectSegment(false, -, SegmentSpec(SYN-ACK, [Ack((isn + 1))]), -, -), "
                + "Fault(DROP, -, -, -, -, -)]", TreeText.of(scenario.statements()));
    }

    @Test
    void allowsBlankLinesCommentsAndExtraSeparators() {
        Script script = script("\n\n# a comment\n;;\nclient connect ; // trailing\n\n;server listen;\n\n# end");
        assertEquals("[Call(client, CONNECT, -), Call(server, LISTEN, -)]", TreeText.of(script.scenarios().get(0).statements()));
    }

    @Test
    void keepsCommentCharactersInsideStrings() {
        Statement.Write write = (Statement.Write) only("client write \"# not // a comment\"  # a comment");
        assertEquals("\"# not // a comment\"", TreeText.of(write.data()));
    }

    @Test
    void readsScenarioBlocks() {
        Script script = script("""
                # two scenarios
                scenario "handshake" {
                  client connect
                  expect SYN
                }

                scenario "one line" { server listen; client connect }
                scenario "brace below"
                {
                }
                """);
        List<Scenario> scenarios = script.scenarios();
        assertEquals(3, scenarios.size());
        assertEquals("handshake", scenarios.get(0).name());
        assertEquals(new Span(2, 1, 20), scenarios.get(0).span());
        assertEquals("[Call(client, CONNECT, -), ExpectSegment(false, -, SegmentSpec(SYN, []), -, -)]", TreeText.of(scenarios.get(0).statements()));
        assertEquals("one line", scenarios.get(1).name());
        assertEquals("[Call(server, LISTEN, -), Call(client, CONNECT, -)]", TreeText.of(scenarios.get(1).statements()));
        assertEquals(List.of(), scenarios.get(2).statements());
    }

    @Test
    void decodesEscapesInScenarioNames() {
        assertEquals("say \"hi\" \u00e9", script("scenario \"say \\\"hi\\\" \\xc3\\xa9\" { client connect }").scenarios().get(0).name());
    }

    @Test
    void parsesTheSeedScenario() {
        Script script = script("""
                # scenarios/seed-000-linux-loopback.tcps
                scenario "echo foobar | nc localhost 1234, Linux loopback" {
                  stack linux                       # reference model profile for both ends
                  client at 127.0.0.1 port 47162
                  server at 127.0.0.1 port 1234
                  client isn 934227076              # fixed ISNs reproduce a real capture
                  server isn 2435073417

                  server listen
                  client connect
                  expect client > server SYN seq=isn win=65495 <mss 65495,sackOK,TS,nop,wscale 7>
                  expect server > client SYN-ACK seq=isn ack=isn+1
                  expect client > server ACK ack=1
                  expect client state ESTABLISHED
                  client write "foobar\\n"
                  expect client > server [P.] seq=1:8 ack=1 length 7
                  expect server > client ACK ack=8
                  client close
                  expect client > server FIN-ACK seq=8
                  server close
                  expect server > client FIN-ACK seq=1 ack=9
                  expect client > server ACK ack=2
                  expect client state TIME-WAIT
                  wait 60s
                  expect client state CLOSED
                }
                """);
        Scenario scenario = script.scenarios().get(0);
        assertEquals("echo foobar | nc localhost 1234, Linux loopback", scenario.name());
        assertEquals(22, scenario.statements().size());
        assertEquals("Write(client, -, \"foobar\\n\")", TreeText.of(scenario.statements().get(11)));
        assertInstanceOf(Statement.ExpectState.class, scenario.statements().get(21));
    }

    @Test
    void reportsNothingAndReturnsTheScriptWhenAllIsWell() {
        ScriptParser.Result result = ScriptParser.parse(new Source("t.tcps", "client connect\n"));
        assertTrue(result.ok());
        assertEquals("t.tcps", result.script().source().name());
    }

    // ---- helpers --------------------------------------------------------------------------------

    static Script script(String text) {
        ScriptParser.Result result = ScriptParser.parse(new Source("t.tcps", text));
        assertEquals(List.of(), result.errors(), "errors in:\n" + text);
        return result.script();
    }

    static Statement only(String text) {
        List<Scenario> scenarios = script(text).scenarios();
        assertEquals(1, scenarios.size());
        assertEquals(1, scenarios.get(0).statements().size());
        return scenarios.get(0).statements().get(0);
    }

    private static Expr isnValue(String text) {
        return ((Statement.Isn) only(text)).value();
    }

    @Test
    void readsProfileDefinitionsBesideTheStatements() {
        ScriptParser.Result r = ScriptParser.parse(new tcps.syntax.Source("t.tcps",
                "profile lab extends linux {\n  syn_retries 2\n  time_wait 30s; option_layout linux\n}\n"
                        + "stack lab\nclient connect\n"));
        assertTrue(r.ok(), () -> r.errors().toString());
        tcps.syntax.ProfileDef lab = r.script().profiles().get(0);
        assertEquals("lab", lab.name().text());
        assertEquals("linux", lab.base().text());
        assertEquals("[Setting(syn_retries, Number(2)), Setting(time_wait, Time(30000000us)), "
                + "Setting(option_layout, Word(linux))]", TreeText.of(lab.settings()));
        assertEquals(2, r.script().scenarios().get(0).statements().size());
    }

    @Test
    void anExerciseNestedTooDeepIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        ScriptParser.ExerciseResult r = ScriptParser.parseExercise(new Source("ex.tcps",
                "exercise \"x\" {\n  client isn " + deep + "\n  server listen\n  client connect\n}\n"));
        assertNull(r.exercise());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertEquals(2, r.errors().get(0).span().line());
        assertTrue(r.errors().get(0).message().contains("too deep"), r.errors().get(0).message());
    }

    /** The depth limit holds exactly, for chains the token pre-check counts and for chains of durations it does not reset on. */
    @ParameterizedTest
    @MethodSource("chains")
    void anExpressionIsTooDeepFromOneLevelPastTheLimit(String term, String op) {
        for (int operators = 3; operators <= 6; operators++) {
            String chain = (term + op).repeat(operators) + term;
            ScriptParser.Result r = ScriptParser.parse(new Source("t.tcps", "client connect\nlet x = " + chain + "\n"), 5);
            if (operators + 1 <= 5) {
                assertTrue(r.ok(), chain + ": " + r.errors());
            } else {
                assertEquals(1, r.errors().size(), chain + ": " + r.errors());
                assertEquals(2, r.errors().get(0).span().line());
                assertTrue(r.errors().get(0).message().contains("too deep"), r.errors().get(0).message());
            }
        }
    }

    static Stream<Arguments> chains() {
        return Stream.of(Arguments.of("1", "+"), Arguments.of("1ms", "+"), Arguments.of("x", "*"),
                Arguments.of("2ms", "-"));
    }

    /**
     * A script without macros has each scenario built while the parser reads on; with a macro
     * defined (here one never called) the whole tree is built first. Both give the same trees and
     * the same errors, also when the first, fast parse stops at a syntax error late in the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "scenario \"a\" {\n  client connect\n  expect client > server SYN seq=isn <mss 1460>\n}\nscenario \"b\" { wait 1s }\n",
        "scenario \"a\" {\n  expect SYN foo=1\n  wait 5sec\n}\nscenario \"b\" {\n  client connect\n}\n",
        "client connect\nexpect SYN foo=1\nwait 1.5us\nrepeat 3 {\n  client write 10\n}\n",
        "client connect\nscenario \"a\" { client connect }\n",
        "scenario \"a\" {\n  expect SYN foo=1\n}\nscenario \"b\" {\n  wait\n}\nscenario \"c\" { wait 5sec }\n",
        "client connect\nexpect SYN foo=1\nwait\nwait 5sec\n",
        "profile lab extends linux { syn_retries 2 }\nscenario \"a\" {\n  profile p extends linux { time_wait 1s }\n"
                + "  stack p\n  client connect\n}\n",
        "scenario {\n  client connect\n}\nscenario \"\\q\" {\n  client connect\n}\n",
        "scenario \"a\" {\n  drop next client > server SYN\n  client connect; expect client state SYN-SENT\n}\n"
    })
    void buildingScenariosWhileParsingChangesNothing(String text) {
        ScriptParser.Result early = ScriptParser.parse(new Source("t.tcps", text));
        ScriptParser.Result whole = ScriptParser.parse(new Source("t.tcps", text + "\nmacro unused() {\n}\n"));
        assertEquals(shown(whole.errors()), shown(early.errors()));
        assertEquals(whole.script() == null, early.script() == null);
        if (whole.script() != null) {
            assertEquals(whole.script().scenarios(), early.script().scenarios());
            assertEquals(whole.script().profiles(), early.script().profiles());
        }
        assertEquals(whole.partial() == null, early.partial() == null);
        if (whole.partial() != null) {
            assertEquals(whole.partial().scenarios(), early.partial().scenarios());
            assertEquals(whole.partial().profiles(), early.partial().profiles());
        }
        assertEquals(whole.unsure(), early.unsure());
    }

    private static List<String> shown(List<tcps.syntax.Diagnostic> errors) {
        return errors.stream().map(d -> d.span() + ": " + d.message()).toList();
    }
}
