package tcps.check;

import java.util.Locale;
import tcps.tcp.TcpFlags;

/** Turns flags as written ({@code SYN-ACK}, {@code FIN+ACK}, {@code [S.]}) into header bits. */
public final class FlagSyntax {
    static final String HELP = "flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined with - "
            + "(SYN-ACK), or tcpdump's letters in brackets ([S.])";

    /** The bits, or an exception whose message is the user-facing error. */
    public static int parse(String text) {
        return text.startsWith("[") ? bracketed(text) : words(text);
    }

    private static int bracketed(String text) {
        String inner = text.substring(1, text.length() - 1);
        if (inner.equals("none")) {
            return 0;
        }
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("empty flags `[]`; write [none] for a segment without flags");
        }
        int bits = 0;
        for (char c : inner.toCharArray()) {
            int bit = TcpFlags.bitOfLetter(c);
            if (bit == 0) {
                throw new IllegalArgumentException("unknown flag letter `" + c + "` in `" + text
                        + "`; tcpdump's letters are F S R P . U E W (the dot is ACK)");
            }
            if ((bits & bit) != 0) {
                throw new IllegalArgumentException("flag letter `" + c + "` appears twice in `" + text + "`");
            }
            bits |= bit;
        }
        return bits;
    }

    /** Between the words of SYN-ACK or FIN+ACK (compiled once: text.split would compile it every call). */
    private static final java.util.regex.Pattern JOINS = java.util.regex.Pattern.compile("[-+]");

    private static int words(String text) {
        int bits = 0;
        for (String word : JOINS.split(text)) {
            int bit = TcpFlags.bitOfWord(word);
            if (bit == 0) {
                throw new IllegalArgumentException("unknown flag `" + word + "`" + hint(word) + "; " + HELP);
            }
            if ((bits & bit) != 0) {
                throw new IllegalArgumentException("flag " + word.toUpperCase(Locale.ROOT) + " appears twice in `" + text + "`");
            }
            bits |= bit;
        }
        return bits;
    }

    /** "SYNACK" → " (did you mean SYN-ACK?)": words run together are the usual slip. */
    private static String hint(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        for (String a : TcpFlags.allWords()) {
            for (String b : TcpFlags.allWords()) {
                if (!a.equals(b) && w.equals(a + b)) {
                    return " (did you mean " + a + "-" + b + "?)";
                }
            }
        }
        if (w.equals("PUSH")) {
            return " (did you mean PSH?)";
        }
        if (w.equals("RESET")) {
            return " (did you mean RST?)";
        }
        return "";
    }

    private FlagSyntax() {}
}
