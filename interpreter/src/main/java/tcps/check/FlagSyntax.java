package tcps.check;

import java.util.ArrayList;
import java.util.List;
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

    private static int words(String text) {
        int bits = 0;
        for (String word : split(text)) {
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

    /**
     * The words of SYN-ACK or FIN+ACK, split at each `-` and `+` exactly as
     * {@code text.split("[-+]")} splits them (trailing empty words dropped), without a pattern:
     * this runs for every flag word of a script.
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '+') {
                words.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (words.isEmpty()) {
            return List.of(text);
        }
        words.add(text.substring(start));
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words.remove(words.size() - 1);
        }
        return words;
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
