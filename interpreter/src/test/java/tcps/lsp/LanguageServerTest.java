package tcps.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tcps.check.Checker;
import tcps.grammar.ScriptParser;
import tcps.syntax.Source;

/**
 * The language server as an editor sees it: a client speaks JSON-RPC with it over a pair of pipes
 * (LSP4J's own launcher on both ends, in-process), exactly the bytes `tcps lsp` reads and writes
 * on stdin and stdout.
 */
class LanguageServerTest {
    private static final Path ROOT = Path.of(System.getProperty("tcps.root", ".."));
    private static final String URI = "file:///work/lab/handshake.tcps";

    private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private Future<Integer> serverExit;
    private LanguageServer server;
    private PipedOutputStream toServer;
    private int version = 1;

    @BeforeEach
    void start() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        serverExit = serverThread.submit(() -> LanguageServerMain.serve(serverIn, serverOut));
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), clientIn, toServer);
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void initializeSaysWhatTheServerDoes() throws Exception {
        InitializeResult init = initialize();
        assertEquals("tcps", init.getServerInfo().getName());
        var caps = init.getCapabilities();
        assertEquals(org.eclipse.lsp4j.TextDocumentSyncKind.Full, caps.getTextDocumentSync().getLeft());
        assertTrue(caps.getHoverProvider().getLeft());
        assertTrue(caps.getDefinitionProvider().getLeft());
        assertTrue(caps.getDocumentSymbolProvider().getLeft());
        assertNotNull(caps.getCompletionProvider());
        assertTrue(caps.getDocumentFormattingProvider().getLeft(), "tcps fmt's layout");
        shutdownAndExit(0);
    }

    @Test
    void errorsArePublishedAsYouTypeWithTheirRanges() throws Exception {
        initialize();
        String text = "stack linuxx\nclient connect\nexpect client state SYN-SNT\n";
        open(text);
        List<Diagnostic> d = diagnostics();
        assertEquals(2, d.size(), d.toString());
        assertEquals(range(0, 6, 0, 12), d.get(0).getRange(), "the whole of `linuxx`");
        assertEquals(DiagnosticSeverity.Error, d.get(0).getSeverity());
        assertEquals("tcps", d.get(0).getSource());
        assertTrue(d.get(0).getMessage().startsWith("unknown stack `linuxx`; known stacks are bsd-1990, linux,"),
                d.get(0).getMessage());
        assertEquals(range(2, 20, 2, 27), d.get(1).getRange(), "the whole of `SYN-SNT`");
        assertTrue(d.get(1).getMessage().startsWith("unknown state `SYN-SNT`"), d.get(1).getMessage());
        assertEquals(checkerMessages(text), List.of(d.get(0).getMessage(), d.get(1).getMessage()),
                "the checker's own words, as `tcps check` prints them");

        // A syntax error as the user goes on typing: the parser's message, at the misspelt word.
        String typo = "client conect\n";
        change(typo);
        d = diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(range(0, 7, 0, 13), d.get(0).getRange());
        assertEquals(ScriptParser.parse(new Source("x", typo)).errors().get(0).message(), d.get(0).getMessage());
        assertTrue(d.get(0).getMessage().contains("did you mean `connect`?"), d.get(0).getMessage());

        // A syntax error does not hide the checker's errors about what did parse.
        change("client conect\nexpect SYNACK\n");
        d = diagnostics();
        assertEquals(2, d.size(), d.toString());
        assertEquals(range(0, 7, 0, 13), d.get(0).getRange());
        assertEquals(range(1, 7, 1, 13), d.get(1).getRange(), "the whole of `SYNACK`");
        assertTrue(d.get(1).getMessage().startsWith("unknown flag `SYNACK`"), d.get(1).getMessage());

        // Fixed: the diagnostics go away.
        change("client connect\nexpect SYN\n");
        assertEquals(List.of(), diagnostics());
        shutdownAndExit(0);
    }

    @Test
    void aFailedExpectationIsAWarningWhereTheFieldIs() throws Exception {
        initialize();
        open("client connect\nexpect SYN seq=isn win=100\n");
        List<Diagnostic> d = diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(DiagnosticSeverity.Warning, d.get(0).getSeverity());
        assertEquals(range(1, 19, 1, 26), d.get(0).getRange(), "the whole of `win=100`");
        assertEquals("failed: segment 1 (client > server [S]) differs in win\nwin: expected 100, got 65495",
                d.get(0).getMessage());
        shutdownAndExit(0);
    }

    @Test
    void hoverShowsTheValueAnExpressionTookInTheRun() throws Exception {
        initialize();
        String text = Files.readString(ROOT.resolve("scenarios/language-example.tcps"));
        open(text);
        assertEquals(List.of(), diagnostics());
        // line 14: `  expect server > client SYN-ACK seq=isn ack=isn+1`
        int line = 13;
        int col = lineOf(text, line).indexOf("isn+1");
        Hover h = server.getTextDocumentService().hover(new HoverParams(doc(), new Position(line, col + 4)))
                .get(5, TimeUnit.SECONDS);
        assertTrue(h.getContents().getRight().getValue().contains("isn+1 = 934227077 (client's ISN + 1)"),
                h.getContents().getRight().getValue());
        assertEquals(range(line, col, line, col + 5), h.getRange());
        // On `isn` alone inside it, the innermost expression: the server's ISN is in seq=isn.
        int seqIsn = lineOf(text, line).indexOf("seq=isn") + 4;
        h = server.getTextDocumentService().hover(new HoverParams(doc(), new Position(line, seqIsn + 1)))
                .get(5, TimeUnit.SECONDS);
        assertTrue(h.getContents().getRight().getValue().contains("isn = 2435073417 (server's ISN)"),
                h.getContents().getRight().getValue());
        // Elsewhere on an expect: the segment it matched, as the transcript prints it.
        h = server.getTextDocumentService().hover(new HoverParams(doc(), new Position(line, 3)))
                .get(5, TimeUnit.SECONDS);
        assertTrue(h.getContents().getRight().getValue().contains("segment 2: 00:00:00.000010 IP localhost.1234 > "
                + "localhost.47162: Flags [S.], seq 2435073417, ack 934227077, win 65483,"),
                h.getContents().getRight().getValue());
        // Not on a statement that did anything: nothing.
        assertNull(server.getTextDocumentService().hover(new HoverParams(doc(), new Position(4, 3)))
                .get(5, TimeUnit.SECONDS), "`stack linux`");
        shutdownAndExit(0);
    }

    @Test
    void aSocketCallSaysWhatItReturned() throws Exception {
        initialize();
        open("server port 1235\nserver close\nclient connect\nexpect client error ECONNREFUSED\nclient write 10\n");
        List<Diagnostic> d = diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(DiagnosticSeverity.Information, d.get(0).getSeverity(), "a note, as tcps run prints it");
        assertEquals("client write returned ECONNREFUSED (connection refused)", d.get(0).getMessage());
        assertEquals(range(4, 0, 4, 6), d.get(0).getRange());
        Hover h = server.getTextDocumentService().hover(new HoverParams(doc(), new Position(4, 8)))
                .get(5, TimeUnit.SECONDS);
        assertTrue(h.getContents().getRight().getValue().contains(
                "client write returned ECONNREFUSED (connection refused) at 00:00:00.000020"),
                h.getContents().getRight().getValue());
        h = server.getTextDocumentService().hover(new HoverParams(doc(), new Position(2, 3))).get(5, TimeUnit.SECONDS);
        assertTrue(h.getContents().getRight().getValue().contains("client connect returned 0 at 00:00:00.000000"),
                h.getContents().getRight().getValue());
        shutdownAndExit(0);
    }

    @Test
    void completionKnowsWhereItIs() throws Exception {
        initialize();
        String text = "profile lab extends linux {\n  \n}\nstack \nclient \nexpect client state \nexpect client > server \n";
        open(text);
        diagnostics();
        List<String> start = labels(8, 0);
        assertTrue(start.containsAll(List.of("expect", "wait", "drop", "client", "server")), start.toString());
        assertFalse(start.contains("connect"), "connect follows an endpoint: " + start);

        assertTrue(labels(3, 6).containsAll(List.of("linux", "rfc9293", "macos", "bsd-1990", "lab")), "stacks");
        assertTrue(labels(4, 7).containsAll(List.of("connect", "listen", "write", "close", "send", "setsockopt")),
                "verbs");
        List<String> states = labels(5, 20);
        assertTrue(states.containsAll(List.of("ESTABLISHED", "TIME-WAIT", "FIN-WAIT-1")), states.toString());
        assertEquals(11, states.size(), "the eleven states and nothing else: " + states);
        List<String> segment = labels(6, 23);
        assertTrue(segment.containsAll(List.of("SYN", "SYN-ACK", "[S.]", "seq=", "ack=", "win=")), segment.toString());

        List<CompletionItem> params = complete(1, 2);
        CompletionItem synRetries = params.stream().filter(i -> i.getLabel().equals("syn_retries")).findFirst()
                .orElseThrow(() -> new AssertionError("profile parameters are offered in a profile block"));
        String doc = synRetries.getDocumentation().getRight().getValue();
        assertTrue(doc.contains(tcps.tcp.Profile.parameter("syn_retries").description()), doc);
        assertTrue(doc.contains("| linux |") || doc.contains(" linux |"), "its value in each stack: " + doc);
        assertTrue(labels(1, 2).contains("time_wait"));
        assertFalse(labels(1, 2).contains("expect"), "statements are not settings");
        shutdownAndExit(0);
    }

    @Test
    void definitionGoesToTheProfile() throws Exception {
        initialize();
        String text = "profile lab extends linux { syn_retries 2 }\nstack lab\nclient connect\n";
        open(text);
        diagnostics();
        List<? extends Location> local = server.getTextDocumentService().definition(
                new DefinitionParams(doc(), new Position(1, 7))).get(5, TimeUnit.SECONDS).getLeft();
        assertEquals(1, local.size());
        assertEquals(URI, local.get(0).getUri());
        assertEquals(range(0, 8, 0, 11), local.get(0).getRange(), "the name in `profile lab`");

        List<? extends Location> std = server.getTextDocumentService().definition(
                new DefinitionParams(doc(), new Position(0, 22))).get(5, TimeUnit.SECONDS).getLeft();
        assertEquals(1, std.size(), "linux is in the standard library");
        assertTrue(std.get(0).getUri().endsWith("stdlib/profiles/linux.tcps"), std.get(0).getUri());
        String stdText = Files.readString(Path.of(java.net.URI.create(std.get(0).getUri())));
        Range r = std.get(0).getRange();
        assertEquals("linux", lineOf(stdText, r.getStart().getLine()).substring(r.getStart().getCharacter(),
                r.getEnd().getCharacter()));
        assertTrue(lineOf(stdText, r.getStart().getLine()).startsWith("profile linux"));
        shutdownAndExit(0);
    }

    @Test
    void definitionFollowsImportsToMacros(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        initialize();
        Files.writeString(dir.resolve("lib.tcps"), "# shared steps\nmacro opening(a, b) {\n  a connect\n}\n");
        String uri = dir.resolve("main.tcps").toUri().toString();
        String text = "import \"lib\"\nscenario \"x\" {\n  opening(client, server)\n}\n";
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "tcps", 1,
                text)));
        published.poll(10, TimeUnit.SECONDS);
        TextDocumentIdentifier main = new TextDocumentIdentifier(uri);
        List<? extends Location> call = server.getTextDocumentService().definition(
                new DefinitionParams(main, new Position(2, 4))).get(5, TimeUnit.SECONDS).getLeft();
        assertEquals(1, call.size(), "the macro is found in the imported file");
        assertEquals(dir.resolve("lib.tcps").toUri(), java.net.URI.create(call.get(0).getUri()));
        assertEquals(range(1, 6, 1, 13), call.get(0).getRange(), "the name in `macro opening(a, b)`");
        List<? extends Location> file = server.getTextDocumentService().definition(
                new DefinitionParams(main, new Position(0, 9))).get(5, TimeUnit.SECONDS).getLeft();
        assertEquals(dir.resolve("lib.tcps").toUri(), java.net.URI.create(file.get(0).getUri()), "import \"lib\"");
        assertEquals(List.of(), server.getTextDocumentService().definition(
                new DefinitionParams(main, new Position(2, 12))).get(5, TimeUnit.SECONDS).getLeft(),
                "an endpoint has no definition to go to");
        shutdownAndExit(0);
    }

    @Test
    void theOutlineListsScenariosProfilesAndMacros() throws Exception {
        initialize();
        open("profile lab extends bsd-1990 { syn_retries 2 }\n\nscenario \"lost SYN\" {\n"
                + "  profile slow extends lab {\n    min_rto 1s\n  }\n  client connect\n}\n");
        diagnostics();
        List<org.eclipse.lsp4j.DocumentSymbol> symbols = server.getTextDocumentService().documentSymbol(
                new org.eclipse.lsp4j.DocumentSymbolParams(doc())).get(5, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).toList();
        assertEquals(List.of("lab", "lost SYN"), symbols.stream().map(org.eclipse.lsp4j.DocumentSymbol::getName).toList());
        assertEquals(org.eclipse.lsp4j.SymbolKind.Class, symbols.get(0).getKind());
        assertEquals(range(0, 0, 0, 46), symbols.get(0).getRange(), "from `profile` to its `}`");
        assertEquals(range(0, 8, 0, 11), symbols.get(0).getSelectionRange());
        org.eclipse.lsp4j.DocumentSymbol scenario = symbols.get(1);
        assertEquals(range(2, 0, 7, 1), scenario.getRange());
        assertEquals(List.of("slow"), scenario.getChildren().stream().map(org.eclipse.lsp4j.DocumentSymbol::getName)
                .toList(), "the scenario's own profile sits inside it");
        shutdownAndExit(0);
    }

    @Test
    void importsAreReadAsTcpsRunReadsThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        initialize();
        Files.writeString(dir.resolve("lib.tcps"), "macro opening(a) {\n  a connect\n  expect a > server SYN win=7\n}\n");
        Files.writeString(dir.resolve("broken.tcps"), "macro oops(a) {\n  a conect\n}\n");
        String uri = dir.resolve("main.tcps").toUri().toString();
        TextDocumentIdentifier main = new TextDocumentIdentifier(uri);
        // the standard library's handshake, and a macro beside the script that fails inside
        String text = "import \"handshake\"\nimport \"lib\"\nopening(client)\n";
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "tcps", 1,
                text)));
        List<Diagnostic> d = published.poll(10, TimeUnit.SECONDS).getDiagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(DiagnosticSeverity.Warning, d.get(0).getSeverity());
        assertEquals(range(2, 0, 2, 7), d.get(0).getRange(), "at the call, as tcps run puts it");
        assertTrue(d.get(0).getMessage().contains("in `opening(client)`, " + dir.resolve("lib.tcps") + ":3:"),
                d.get(0).getMessage());
        // An error in an imported file is shown on the import that brings it in.
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(
                uri, 2), List.of(new TextDocumentContentChangeEvent("import \"lib\"\nimport \"broken\"\noops(client)\n"))));
        d = published.poll(10, TimeUnit.SECONDS).getDiagnostics();
        assertTrue(d.size() >= 1, d.toString());
        assertEquals(range(1, 0, 1, 15), d.get(0).getRange(), "the whole `import \"broken\"`");
        assertTrue(d.get(0).getMessage().startsWith("in " + dir.resolve("broken.tcps") + ":2:"), d.get(0).getMessage());
        assertTrue(d.get(0).getMessage().contains("conect"), d.get(0).getMessage());
        shutdownAndExit(0);
    }

    @Test
    void formattingIsTcpsFmt() throws Exception {
        initialize();
        String text = "scenario \"x\" {\nclient   connect   # opens\n\n\n    expect SYN\n}";
        open(text);
        diagnostics();
        List<? extends org.eclipse.lsp4j.TextEdit> edits = server.getTextDocumentService().formatting(
                new org.eclipse.lsp4j.DocumentFormattingParams(doc(), new org.eclipse.lsp4j.FormattingOptions(2, true)))
                .get(5, TimeUnit.SECONDS);
        assertEquals(1, edits.size());
        assertEquals(range(0, 0, 5, 1), edits.get(0).getRange(), "the whole document");
        assertEquals(tcps.grammar.Formatter.format(text), edits.get(0).getNewText());
        assertEquals("scenario \"x\" {\n  client connect   # opens\n\n  expect SYN\n}\n", edits.get(0).getNewText());
        change(edits.get(0).getNewText());
        diagnostics();
        assertEquals(List.of(), server.getTextDocumentService().formatting(new org.eclipse.lsp4j.DocumentFormattingParams(
                doc(), new org.eclipse.lsp4j.FormattingOptions(2, true))).get(5, TimeUnit.SECONDS),
                "a formatted document needs no edit");
        shutdownAndExit(0);
    }

    @Test
    void closingADocumentClearsItsDiagnostics() throws Exception {
        initialize();
        open("client conect\n");
        assertEquals(1, diagnostics().size());
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(doc()));
        assertEquals(List.of(), diagnostics());
        shutdownAndExit(0);
    }

    @Test
    void exitWithoutShutdownEndsWithStatusOne() throws Exception {
        initialize();
        server.exit();
        assertEquals(1, serverExit.get(10, TimeUnit.SECONDS), "LSP: exit without shutdown is an error");
    }

    // ---- the client's side ------------------------------------------------------------------

    private InitializeResult initialize() throws Exception {
        InitializeParams p = new InitializeParams();
        p.setCapabilities(new ClientCapabilities());
        InitializeResult r = server.initialize(p).get(10, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return r;
    }

    private void shutdownAndExit(int status) throws Exception {
        assertNull(server.shutdown().get(10, TimeUnit.SECONDS));
        server.exit();
        assertEquals(status, serverExit.get(10, TimeUnit.SECONDS));
    }

    private void open(String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "tcps", version,
                text)));
    }

    private void change(String text) {
        version++;
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(URI, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    private List<Diagnostic> diagnostics() throws InterruptedException {
        PublishDiagnosticsParams p = published.poll(10, TimeUnit.SECONDS);
        assertNotNull(p, "diagnostics were published");
        assertEquals(URI, p.getUri());
        return p.getDiagnostics();
    }

    private List<CompletionItem> complete(int line, int character) throws Exception {
        return server.getTextDocumentService().completion(new CompletionParams(doc(), new Position(line, character)))
                .get(5, TimeUnit.SECONDS).getLeft();
    }

    private List<String> labels(int line, int character) throws Exception {
        return complete(line, character).stream().map(CompletionItem::getLabel).toList();
    }

    private static TextDocumentIdentifier doc() {
        return new TextDocumentIdentifier(URI);
    }

    private static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    private static String lineOf(String text, int line) {
        return text.split("\n", -1)[line];
    }

    private static List<String> checkerMessages(String text) {
        var parsed = ScriptParser.parse(new Source("x", text));
        return Checker.check(parsed.script()).errors().stream().map(tcps.syntax.Diagnostic::message).toList();
    }

    private final class Client implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
