package tcps.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagSyntaxTest {
    /** The hand-written split gives the words String.split gives, edge cases included. */
    @ParameterizedTest
    @ValueSource(strings = {"SYN", "SYN-ACK", "FIN+ACK", "SYN-", "-SYN", "SYN--ACK", "-", "+-", "", "A-B+C", "SYN-ACK-"})
    void splitsAsStringSplitDoes(String text) {
        assertEquals(Arrays.asList(text.split("[-+]")), FlagSyntax.split(text));
    }
}
