package tcps.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts a user could write, in orders that make no sense (close before connect, read after
 * abort, faults on segments that never come): whatever they do, tcps reports it in TCP words
 * and never fails with an internal error. The scripts are drawn from a fixed seed, so a failure
 * here reproduces.
 */
class RandomScriptsTest {
    private static final List<String> STATEMENTS = List.of(
            "client connect", "server listen", "client close", "server close", "client shutdown",
            "server shutdown", "client abort", "server abort", "client write 5", "server write 3000",
            "client write \"hi\"", "server read", "server read 2", "server stops reading", "client read",
            "wait 1s", "wait 10ms", "wait 70s", "wait until client state CLOSED", "wait until server state ESTABLISHED",
            "drop next", "drop next 2 SYN", "drop 2nd SYN-ACK", "drop next server > client", "delay next 300ms",
            "duplicate next", "reorder next", "reorder next 3 client > server", "corrupt next", "loss 30%",
            "link delay 5ms", "link rtt 50ms", "expect SYN", "expect client > server ACK ack=1",
            "expect server > client SYN-ACK seq=isn ack=isn+1", "expect [P.] seq=1:6", "expect FIN-ACK after 1s",
            "expect RST at +2s", "expect client state ESTABLISHED", "expect server state TIME-WAIT",
            "expect client error ECONNRESET", "expect server error EPIPE", "expect nothing for 1s",
            "expect nothing more", "expect client > server ACK as p", "client connect", "client write 70000");

    @TempDir
    Path dir;

    @Test
    void noScriptEndsInAnInternalError() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 400; i++) {
            StringBuilder script = new StringBuilder();
            int n = 1 + random.nextInt(14);
            for (int j = 0; j < n; j++) {
                script.append(STATEMENTS.get(random.nextInt(STATEMENTS.size()))).append('\n');
            }
            Path file = Files.writeString(dir.resolve("r" + i + ".tcps"), script.toString(), StandardCharsets.UTF_8);
            CliRun r = CliRun.separate(dir, "run", "-A", file.getFileName().toString());
            assertNotEquals(ExitCode.INTERNAL, r.exit(), () -> "internal error for\n" + script + "\n" + r.err());
        }
    }
}
