package tcps.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYWORDS = SyntaxMessages.STATEMENT_KEYWORDS;

    @Test
    void countsTyposAsATypistWould() {
        assertEquals(1, Suggestions.distance("wiat", "wait"), "a swap is one slip");
        assertEquals(1, Suggestions.distance("expct", "expect"));
        assertEquals(1, Suggestions.distance("exepct", "expect"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(4, Suggestions.distance("", "drop"));
    }

    @Test
    void suggestsOnlyCloseKeywords() {
        assertEquals(Optional.of("expect"), Suggestions.closest("expct", KEYWORDS));
        assertEquals(Optional.of("expect"), Suggestions.closest("EXPECT", KEYWORDS));
        assertEquals(Optional.of("expect"), Suggestions.closest("exepct", KEYWORDS));
        assertEquals(Optional.of("wait"), Suggestions.closest("wiat", KEYWORDS));
        assertEquals(Optional.of("drop"), Suggestions.closest("drp", KEYWORDS));
        assertEquals(Optional.empty(), Suggestions.closest("frobnicate", KEYWORDS));
        assertEquals(Optional.empty(), Suggestions.closest("ack", SyntaxMessages.ACTION_KEYWORDS), "not `stack`");
        assertEquals(Optional.empty(), Suggestions.closest("SYN", SyntaxMessages.ACTION_KEYWORDS), "not `send`");
    }
}
