package tcps.grammar;

import java.util.ArrayList;
import java.util.List;
import tcps.syntax.Diagnostic;
import tcps.syntax.Source;
import tcps.syntax.Span;

/** The errors found in one file, in source order, at most {@value #MOST} of them. */
final class ErrorList {
    static final int MOST = 20;
    static final String TOO_MANY = "too many errors; stopping here";

    private final Source source;
    private final List<Diagnostic> errors = new ArrayList<>();

    ErrorList(Source source) {
        this.source = source;
    }

    void add(Span span, String message) {
        errors.add(new Diagnostic(source, span, message));
    }

    /** An error found in another text: an imported file, or a macro's expansion. */
    void add(Diagnostic d) {
        errors.add(d);
    }

    /** The errors of another list, after these. */
    void addAll(ErrorList other) {
        errors.addAll(other.errors);
    }

    /**
     * True once more errors are known than will be shown: finding the wording of more costs time
     * (a file of 4,000 broken lines) and shows nothing.
     */
    boolean full() {
        return errors.size() > MOST;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * Sorted by place. Past {@value #MOST}, one last error says that we stopped; more would bury
     * the first ones, which are the ones that explain the rest (a binary file gives one per line).
     */
    List<Diagnostic> toList() {
        List<Diagnostic> sorted = new ArrayList<>(errors);
        sorted.sort(null); // stable: two errors at one place keep the order they were found in
        if (sorted.size() <= MOST) {
            return sorted;
        }
        List<Diagnostic> shown = new ArrayList<>(sorted.subList(0, MOST));
        shown.add(new Diagnostic(source, sorted.get(MOST).span(), TOO_MANY));
        return shown;
    }
}
