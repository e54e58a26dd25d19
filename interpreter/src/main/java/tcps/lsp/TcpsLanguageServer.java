package tcps.lsp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import tcps.grammar.Formatter;

/**
 * The tcps language server: each open .tcps document is parsed, checked and, when it has no
 * error, run, every time it changes; the client is sent the errors (or the failed expectations)
 * with their ranges, and asks for completion, hover and definitions. Documents are sent whole on
 * every change (they are small); everything is computed on the message thread, in order.
 */
public final class TcpsLanguageServer implements LanguageServer, LanguageClientAware {
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final Documents textDocuments = new Documents();
    private final Workspace workspace = new Workspace();
    private volatile LanguageClient client;
    private volatile boolean shutdown;

    /** One open document: its text and what tcps said about it. */
    private record Document(String text, Analysis analysis) {}

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of(" ", "<", "[")));
        capabilities.setHoverProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("tcps", version())));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        documents.clear();
        return CompletableFuture.completedFuture(null);
    }

    /** Set by {@link #exit}; {@link LanguageServerMain} exits with 0 after a shutdown, else 1 (LSP's rule). */
    private volatile Runnable onExit = () -> { };

    void onExit(Runnable r) {
        onExit = r;
    }

    boolean shutdownRequested() {
        return shutdown;
    }

    @Override
    public void exit() {
        onExit.run();
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    private void analyse(String uri, String text) {
        Analysis analysis;
        try {
            analysis = Analysis.of(nameOf(uri), text);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in tcps must not take the editor's server down: say it where the user looks.
            analysis = new Analysis(new Lines(text), null, List.of(new org.eclipse.lsp4j.Diagnostic(
                    new org.eclipse.lsp4j.Range(new Position(0, 0), new Position(0, 0)),
                    "tcps: internal error while checking this file: " + e + "; please report it",
                    org.eclipse.lsp4j.DiagnosticSeverity.Error, Analysis.SOURCE)), List.of(), List.of(), List.of());
        }
        documents.put(uri, new Document(text, analysis));
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, analysis.diagnostics()));
        }
    }

    /** The name messages use: the file's path, or the URI when it is not a file. */
    private static String nameOf(String uri) {
        try {
            java.net.URI u = java.net.URI.create(uri);
            if ("file".equals(u.getScheme())) {
                return java.nio.file.Path.of(u).toString();
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not a file URI: keep it as it is
        }
        return uri;
    }

    private static String version() {
        Package p = TcpsLanguageServer.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0";
    }

    private final class Documents implements TextDocumentService {
        @Override
        public void didOpen(DidOpenTextDocumentParams params) {
            analyse(params.getTextDocument().getUri(), params.getTextDocument().getText());
        }

        @Override
        public void didChange(DidChangeTextDocumentParams params) {
            List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
            if (!changes.isEmpty()) {
                // Full sync: the last change holds the whole text.
                analyse(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
            }
        }

        @Override
        public void didClose(DidCloseTextDocumentParams params) {
            String uri = params.getTextDocument().getUri();
            documents.remove(uri);
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
        }

        @Override
        public void didSave(DidSaveTextDocumentParams params) {
            // Every change was analysed already.
        }

        @Override
        public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
            Document d = documents.get(params.getTextDocument().getUri());
            if (d == null) {
                return CompletableFuture.completedFuture(Either.forLeft(List.of()));
            }
            Position p = params.getPosition();
            Context context = Context.at(d.text(), p.getLine() + 1, d.analysis().lines().column(p));
            return CompletableFuture.completedFuture(Either.forLeft(Completions.at(context)));
        }

        @Override
        public CompletableFuture<Hover> hover(HoverParams params) {
            Document d = documents.get(params.getTextDocument().getUri());
            if (d == null) {
                return CompletableFuture.completedFuture(null);
            }
            Position p = params.getPosition();
            Optional<Hover> hover = Navigation.hover(d.analysis(), d.text(), p.getLine() + 1,
                    d.analysis().lines().column(p));
            return CompletableFuture.completedFuture(hover.orElse(null));
        }

        /** {@code tcps fmt}'s layout, as one edit of the whole document (none when it is formatted). */
        @Override
        public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
            Document d = documents.get(params.getTextDocument().getUri());
            if (d == null) {
                return CompletableFuture.completedFuture(List.of());
            }
            String formatted = Formatter.format(d.text());
            if (formatted.equals(d.text())) {
                return CompletableFuture.completedFuture(List.of());
            }
            Lines lines = d.analysis().lines();
            int last = lines.count() - 1;
            Range whole = new Range(new Position(0, 0), new Position(last, lines.line(last).length()));
            return CompletableFuture.completedFuture(List.of(new TextEdit(whole, formatted)));
        }

        @Override
        public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
                DocumentSymbolParams params) {
            Document d = documents.get(params.getTextDocument().getUri());
            List<Either<SymbolInformation, DocumentSymbol>> out = new java.util.ArrayList<>();
            if (d != null) {
                Outline.of(d.text()).forEach(s -> out.add(Either.forRight(s)));
            }
            return CompletableFuture.completedFuture(out);
        }

        @Override
        public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
                DefinitionParams params) {
            String uri = params.getTextDocument().getUri();
            Document d = documents.get(uri);
            if (d == null) {
                return CompletableFuture.completedFuture(Either.forLeft(List.of()));
            }
            Position p = params.getPosition();
            List<Location> found = Definitions.at(uri, d.text(), p.getLine() + 1, d.analysis().lines().column(p))
                    .map(List::of).orElse(List.of());
            return CompletableFuture.completedFuture(Either.forLeft(found));
        }
    }

    private static final class Workspace implements WorkspaceService {
        @Override
        public void didChangeConfiguration(DidChangeConfigurationParams params) {
            // no settings yet
        }

        @Override
        public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
            // documents are analysed from their open text
        }
    }
}
