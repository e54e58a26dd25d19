package tcps.grammar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word a mistyped word is closest to, if it is close enough. */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate within edit distance 2 of {@code word} (ignoring case), the closest first. Short
     * words get less slack (at most half their length), so that `the` does not suggest `ts`.
     */
    static Optional<String> closest(String word, List<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            int allowed = Math.min(2, candidate.length() / 2);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
