package tcps.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The VS Code extension's script (editors/vscode/extension.js), run by node's own test runner
 * against a stand-in for VS Code's API (editors/vscode/test/extension.test.js): it starts
 * `tcps lsp`, finds a relative launcher, says how to get the language client when it is missing,
 * and runs the current file in a terminal. Needs node on PATH, and says so when it is skipped.
 */
class ExtensionScriptTest {
    @Test
    void theExtensionScriptPassesItsTests(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(VimSyntaxTest.onPath("node"), "node is not installed: extension.js was not run");
        Path tests = TextMateGrammarTest.VSCODE.resolve("test").toAbsolutePath();
        Path log = tmp.resolve("node.log");
        Process node = new ProcessBuilder("node", "--test", tests.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node finished");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), out);
        assertTrue(out.contains("# fail 0") && !out.contains("# pass 0"), out);
    }
}
