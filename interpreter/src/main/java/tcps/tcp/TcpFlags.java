package tcps.tcp;

import java.util.ArrayList;
import java.util.List;

/** The eight flag bits of TCP header byte 13, and their two spellings. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private static final int[] BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR};
    private static final String[] WORDS = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    /** tcpdump's letters, in tcpdump's order (print-tcp.c): the ACK dot comes after P. */
    private static final char[] LETTERS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

    private TcpFlags() {}

    /** tcpdump's text inside {@code Flags [...]}: {@code S.}, {@code P.}, {@code none}. */
    public static String tcpdump(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                sb.append(LETTERS[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** Words in the order people say them: SYN-ACK, FIN-ACK, PSH-ACK, RST-ACK. */
    public static String words(int flags) {
        List<String> out = new ArrayList<>();
        for (int bit : new int[] {SYN, FIN, RST, PSH, URG, ECE, CWR, ACK}) {
            if ((flags & bit) != 0) {
                out.add(word(bit));
            }
        }
        return out.isEmpty() ? "none" : String.join("-", out);
    }

    /** The bit of a flag word (SYN, ack, Psh...), or 0 if it is not one. */
    public static int bitOfWord(String word) {
        for (int i = 0; i < WORDS.length; i++) {
            if (WORDS[i].equalsIgnoreCase(word)) {
                return BITS[i];
            }
        }
        return 0;
    }

    /** The bit of a tcpdump letter (S, ., P...), or 0 if it is not one. */
    public static int bitOfLetter(char letter) {
        for (int i = 0; i < LETTERS.length; i++) {
            if (LETTERS[i] == letter) {
                return BITS[i];
            }
        }
        return 0;
    }

    public static List<String> allWords() {
        return List.of(WORDS);
    }

    private static String word(int bit) {
        for (int i = 0; i < BITS.length; i++) {
            if (BITS[i] == bit) {
                return WORDS[i];
            }
        }
        throw new IllegalArgumentException("not a single flag bit: " + bit);
    }
}
