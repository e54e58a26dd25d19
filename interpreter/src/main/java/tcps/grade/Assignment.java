package tcps.grade;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tcps.grammar.ScriptParser;
import tcps.syntax.Diagnostic;
import tcps.syntax.Exercise;
import tcps.syntax.Lexeme;
import tcps.syntax.Source;

/**
 * An exercise file as loaded, and each student's variant of it: the text with the student's
 * draws filled in, parsed. Variants are kept, so grading many submissions of one student (or the
 * same numbers) parses the exercise once.
 */
public final class Assignment {
    private final Source source;
    private final List<Lexeme> tokens;
    private final List<Variant.Draw> draws;
    private final String name;
    private final Map<String, StudentVariant> variants = new ConcurrentHashMap<>();

    /** One student's exercise: their numbers filled in, parsed, and the handout made from it. */
    public record StudentVariant(String student, Map<String, String> values, Exercise exercise, Handout handout) {}

    private Assignment(Source source, List<Lexeme> tokens, List<Variant.Draw> draws, String name) {
        this.source = source;
        this.tokens = tokens;
        this.draws = draws;
        this.name = name;
    }

    /** The result of loading: an assignment, or the errors that make the exercise unusable. */
    public record Loaded(Assignment assignment, List<Diagnostic> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Reads an exercise, and checks it by making the variant of a sample student. */
    public static Loaded load(Source source) {
        List<Lexeme> tokens = ScriptParser.lex(source.text());
        String name = "";
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("EXERCISE") && tokens.get(i + 1).is("STRING")) {
                name = tokens.get(i + 1).text();
                break;
            }
        }
        Assignment a = new Assignment(source, tokens, Variant.draws(tokens), name);
        ScriptParser.ExerciseResult sample = a.parse("");
        if (!sample.ok()) {
            return new Loaded(null, sample.errors());
        }
        return new Loaded(a, List.of());
    }

    public Source source() {
        return source;
    }

    /** The student's variant (the empty ID: the exercise's sample variant). */
    public StudentVariant variant(String student) {
        return variants.computeIfAbsent(student, s -> {
            ScriptParser.ExerciseResult parsed = parse(s);
            if (!parsed.ok()) {
                // Each variant parses as the sample did unless a drawn value cannot stand where it
                // is used; that is the exercise's fault, reported as such.
                throw new ExerciseBroken(parsed.errors());
            }
            Exercise e = parsed.exercise();
            return new StudentVariant(s, Variant.values(name, s, draws), e, Handout.of(e, s));
        });
    }

    private ScriptParser.ExerciseResult parse(String student) {
        Map<String, String> values = Variant.values(name, student, draws);
        String filled = Variant.fill(source.text(), tokens, values);
        return ScriptParser.parseExercise(new Source(source.name(), filled));
    }

    /** A variant of the exercise that does not parse: the exercise itself is wrong. */
    public static final class ExerciseBroken extends RuntimeException {
        private final transient List<Diagnostic> errors;

        ExerciseBroken(List<Diagnostic> errors) {
            super(errors.isEmpty() ? "the exercise is broken" : errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        public List<Diagnostic> errors() {
            return errors;
        }
    }
}
