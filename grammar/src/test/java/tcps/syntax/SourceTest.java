package tcps.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines of a script, as error excerpts show them, whatever ends its lines. */
class SourceTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "one", "one\n", "one\ntwo", "one\r\ntwo\r\n", "one\rtwo\r", "a\n\nb\n\n",
        "\n", "\r\n\r\n", "mixed\r\nends\rhere\nand\r\r\nthere", "\u00e9t\u00e9\n\u2603"})
    void everyLineIsWhatStringLinesGives(String text) {
        Source source = new Source("t.tcps", text);
        List<String> lines = text.lines().toList();
        for (int n = 0; n <= lines.size() + 2; n++) {
            String want = n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
            assertEquals(want, source.line(n), "line " + n + " of " + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @org.junit.jupiter.api.Test
    void aSpanShowsTheCharactersItCovers() {
        Source source = new Source("t.tcps", "client connect\r\nexpect SYN-ACK ack=isn+1\n");
        assertEquals("isn+1", source.text(new Span(2, 20, 5)));
    }
}
