package tcps.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a new script from a real one the way careless hands and hostile ones do: flipped
 * characters, tokens deleted, duplicated or swapped, a line spliced in from another script,
 * numbers and durations at their boundaries, unicode, NUL, very long lines, deep nesting, CRLF
 * and lone CR line ends, a byte-order mark. Every choice comes from the generator it is given,
 * so a seed names every input exactly.
 */
final class Mutator {
    /** Numbers at the edges of every range the language has: 16, 31, 32, 63 and 64 bits, and past. */
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "255", "256", "65535", "65536", "1000000",
        "16777216", "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "99999999999999999999999999", "007"};
    private static final String[] DURATIONS = {"0us", "1us", "0.5us", "1.0000001s", "60s", "2m", "24h", "25h",
        "596523h", "596524h", "2562047h", "9223372037s", "9223372036854775807us", "1e3s", "1.5.5s", "5sec"};
    private static final String[] UNICODE = {"é", "Ω", "\u200b", "\u2028", "\u202e", "\ufeff", "\ud83d\ude00",
        "\u0301", "\u00a0", "ﬁ", "\ud800", "Ä°"};
    private static final String[] WORDS = {"client", "server", "connect", "listen", "close", "write", "read",
        "send", "expect", "wait", "drop", "next", "delay", "duplicate", "reorder", "corrupt", "loss", "let", "as",
        "SYN", "ACK", "FIN", "RST", "SYN-ACK", "[P.]", "[S.]", "seq=", "ack=", "win=", "urg=", "len=", "isn",
        "scenario", "profile", "extends", "stack", "host", "at", "port", "from", "to", "state", "error",
        "nothing", "more", "for", "after", "until", "scripted", "numbers", "absolute", "{", "}", "(", ")", "<",
        ">", ",", ":", ";", "\n", "=", "+", "-", "*", "%", ".", "\"", "#", "//", "<mss 1460,sackOK,TS val 1 ecr 0,"
        + "nop,wscale 7>", "<sack 4 {1:2}{3:4}{5:6}{7:8},TS val 1 ecr 2,mss 1>", "TIME-WAIT", "ESTABLISHED",
        "import \"tcp\"", "import \"handshake\"", "macro m(a, b) { a connect }", "m(client, server)",
        "handshake(client, server)", "transfer(client, server, 1000)", "teardown(client, server)", "repeat 3 {",
        "repeat until client state CLOSED {", "repeat at most 5 until", "eventually", "==", "!=", ">=", "<=", " in ",
        "..", "client.snd_nxt", "server.rcv_nxt", "client.rto", "client.state", "a(", "m(m(m(client)))"};
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_.0-9])[0-9]+(?![0-9.A-Za-z_])");
    private static final Pattern DURATION = Pattern.compile("(?<![A-Za-z_.0-9])[0-9]+(\\.[0-9]+)?(us|ms|s|m|h)\\b");

    private final SplittableRandom random;
    private final List<String> corpus;
    /** Long lines and strings grow up to 2^longest characters. */
    private final int longest;

    /** @param longest long lines and strings are up to 2^longest characters (20: a megabyte) */
    Mutator(SplittableRandom random, List<String> corpus, int longest) {
        this.random = random;
        this.corpus = corpus;
        this.longest = longest;
    }

    /** One to three mutations of {@code text}. */
    String mutate(String text) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            text = once(text);
        }
        return text;
    }

    private String once(String text) {
        switch (random.nextInt(16)) {
            case 0: return flip(text);
            case 1: return deleteToken(text);
            case 2: return duplicateToken(text);
            case 3: return swapTokens(text);
            case 4: return spliceLine(text);
            case 5: return replace(text, NUMBER, NUMBERS);
            case 6: return replace(text, DURATION, DURATIONS);
            case 7: return insert(text, UNICODE[random.nextInt(UNICODE.length)]);
            case 8: return insert(text, "\0");
            case 9: return longLine(text);
            case 10: return deepNesting(text);
            case 11: return random.nextBoolean() ? text.replace("\n", "\r\n") : text.replace("\n", "\r");
            case 12: return "\ufeff" + text;
            case 13: return insert(text, WORDS[random.nextInt(WORDS.length)]);
            case 14: return replaceToken(text, WORDS[random.nextInt(WORDS.length)]);
            default: return truncate(text);
        }
    }

    private int position(String text) {
        return text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    }

    private String flip(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        char c = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5f));
        if (Character.isSurrogate(c)) {
            c = '?';
        }
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    private String insert(String text, String what) {
        int at = position(text);
        return text.substring(0, at) + what + text.substring(at);
    }

    private String truncate(String text) {
        return text.substring(0, position(text));
    }

    /**
     * [start, end) of each token: a string, a bracketed flag, a word, a number with what is glued
     * to it, or one other character. A loop, not a regular expression: Java's regex engine
     * recurses per repetition and overflows its stack on a megabyte-long string.
     */
    private static List<int[]> tokens(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '[') {
                char close = c == '"' ? '"' : ']';
                i++;
                while (i < n && text.charAt(i) != close && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' && c == '"' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '.' && Character.isDigit(c))) {
                    i++;
                }
            } else {
                i++;
            }
            out.add(new int[] {start, i});
        }
        return out;
    }

    private int[] anyToken(List<int[]> tokens) {
        return tokens.get(random.nextInt(tokens.size()));
    }

    private String deleteToken(String text) {
        List<int[]> t = tokens(text);
        if (t.isEmpty()) {
            return text;
        }
        int[] k = anyToken(t);
        return text.substring(0, k[0]) + text.substring(k[1]);
    }

    private String duplicateToken(String text) {
        List<int[]> t = tokens(text);
        if (t.isEmpty()) {
            return text;
        }
        int[] k = anyToken(t);
        String token = text.substring(k[0], k[1]);
        return text.substring(0, k[1]) + (random.nextBoolean() ? " " : "") + token + text.substring(k[1]);
    }

    private String replaceToken(String text, String with) {
        List<int[]> t = tokens(text);
        if (t.isEmpty()) {
            return with;
        }
        int[] k = anyToken(t);
        return text.substring(0, k[0]) + with + text.substring(k[1]);
    }

    private String swapTokens(String text) {
        List<int[]> t = tokens(text);
        if (t.size() < 2) {
            return text;
        }
        int i = random.nextInt(t.size());
        int j = random.nextInt(t.size());
        int[] a = t.get(Math.min(i, j));
        int[] b = t.get(Math.max(i, j));
        if (a == b) {
            return text;
        }
        return text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
                + text.substring(a[0], a[1]) + text.substring(b[1]);
    }

    private String spliceLine(String text) {
        String other = corpus.get(random.nextInt(corpus.size()));
        List<String> lines = other.lines().toList();
        if (lines.isEmpty()) {
            return text;
        }
        String line = lines.get(random.nextInt(lines.size()));
        List<String> mine = new ArrayList<>(text.lines().toList());
        mine.add(mine.isEmpty() ? 0 : random.nextInt(mine.size() + 1), line);
        return String.join("\n", mine) + "\n";
    }

    private String replace(String text, Pattern pattern, String[] choices) {
        Matcher m = pattern.matcher(text);
        List<int[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        if (found.isEmpty()) {
            return insert(text, choices[random.nextInt(choices.length)]);
        }
        int[] k = found.get(random.nextInt(found.size()));
        return text.substring(0, k[0]) + choices[random.nextInt(choices.length)] + text.substring(k[1]);
    }

    /** A line or a string of up to a megabyte. */
    private String longLine(String text) {
        int n = 1 << (10 + random.nextInt(longest - 9));
        String what = switch (random.nextInt(4)) {
            case 0 -> "\"" + "A".repeat(n) + "\"";
            case 1 -> "x".repeat(n);
            case 2 -> "client write 1\n".repeat(Math.min(n / 16, 5000));
            default -> "expect nothing for 1s\n".repeat(Math.min(n / 16, 2000));
        };
        return insert(text, what);
    }

    /** Parentheses, a run of operators or of `-`, or blocks, around 100 deep and far past it. */
    private String deepNesting(String text) {
        int depth = random.nextBoolean() ? 90 + random.nextInt(20) : 1 << (7 + random.nextInt(longest - 9));
        String what = switch (random.nextInt(4)) {
            case 0 -> "(".repeat(depth) + "1" + ")".repeat(depth);
            case 1 -> "1" + "+1".repeat(depth);
            case 2 -> "-".repeat(depth) + "1";
            default -> "scenario \"n\" {".repeat(depth) + "}".repeat(depth);
        };
        return random.nextBoolean() ? replace(text, NUMBER, new String[] {what}) : insert(text, what);
    }
}
