package tcps.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * {@code tcps lsp}: serves one client over a pair of streams (the process's stdin and stdout)
 * until it says {@code exit} or closes its end. The command line calls only {@link #serve}, so
 * LSP4J's classes load only when this command runs.
 */
public final class LanguageServerMain {
    private LanguageServerMain() {}

    /** @return the exit status: 0 after shutdown then exit, 1 when the client left without shutdown (LSP's rule) */
    public static int serve(InputStream in, OutputStream out) {
        TcpsLanguageServer server = new TcpsLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        CountDownLatch exited = new CountDownLatch(1);
        server.onExit(exited::countDown);
        Future<Void> listening = launcher.startListening();
        Thread waiter = new Thread(() -> {
            try {
                listening.get(); // ends when the input closes
            } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
                // the stream broke: the same as closing it
            }
            exited.countDown();
        }, "tcps-lsp-input");
        waiter.setDaemon(true);
        waiter.start();
        try {
            exited.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listening.cancel(true);
        return server.shutdownRequested() ? 0 : 1;
    }
}
