package tcps.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The canonical layout of scripts ({@code tcps fmt}), case by case. */
class FormatterTest {
    private static void formats(String in, String out) {
        assertEquals(out, Formatter.format(in));
        assertEquals(out, Formatter.format(out), "formatting formatted text changes nothing");
    }

    @Test
    void indentsTwoSpacesPerBraceAndCollapsesSpaces() {
        formats("scenario \"x\" {\n\tclient   connect\n        expect  SYN\n}\n",
                "scenario \"x\" {\n  client connect\n  expect SYN\n}\n");
    }

    @Test
    void nestedBlocksIndentFurther() {
        formats("macro m(a) {\nrepeat 2 {\na write 1\n}\n}\n", "macro m(a) {\n  repeat 2 {\n    a write 1\n  }\n}\n");
    }

    @Test
    void keepsCommentsTextInQuotesAndTheSpaceBeforeATrailingComment() {
        formats("client   write \"a  b # not a comment\"     # two  spaces kept\n# a  comment\n",
                "client write \"a  b # not a comment\"     # two  spaces kept\n# a  comment\n");
        formats("expect SYN // slashes too\n", "expect SYN // slashes too\n");
    }

    @Test
    void aCommentContinuingTheOneAboveStaysInItsColumn() {
        formats("wait 1s    # first line\n           # second line\n", "wait 1s    # first line\n           # second line\n");
    }

    @Test
    void atMostOneBlankLineNoneAtTheEndsAndOneFinalNewLine() {
        formats("\n\nclient connect   \n\n\n\nexpect SYN\n\n\n", "client connect\n\nexpect SYN\n");
        formats("client connect", "client connect\n");
        formats("a\r\nb\r\n", "a\nb\n");
    }

    @Test
    void aClosingBraceOnALineWithCodeDedentsOnlyThatLine() {
        formats("scenario \"x\" { client connect }\nwait 1s\n", "scenario \"x\" { client connect }\nwait 1s\n");
        formats("profile p {\n syn_retries 2 }\nstack p\n", "profile p {\n  syn_retries 2 }\nstack p\n");
    }
}
