package tcps.grammar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word a mistyped word is closest to, if it is close enough. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code word} (ignoring case), if it is close: within edit distance 2
     * for long keywords, 1 for keywords under six letters, so that `ack` does not suggest `stack`.
     */
    static Optional<String> closest(String word, List<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int allowed = candidate.length() >= 6 ? 2 : 1;
            if (Math.abs(typed.length() - candidate.length()) > allowed) {
                continue; // too far by length alone; and a megabyte-long word costs nothing
            }
            int distance = distance(typed, candidate);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours
     * as one (optimal string alignment): `wiat` is one step from `wait`, as a typist would count.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
