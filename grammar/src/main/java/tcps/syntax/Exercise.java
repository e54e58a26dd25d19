package tcps.syntax;

import java.util.List;

/**
 * An exercise file ({@code exercise "name" { ... }}, docs/teaching.md), as the lines it is made
 * of. Grading works line by line: the statements of an exercise are a scenario's, run as one; the
 * rest says which lines the student may change and how each is scored. Every part of an exercise
 * sits on lines of its own, so that a part is a range of lines.
 *
 * @param lines  what each line of the source is, 1-based ({@code lines.get(0)} is unused)
 * @param draws  the values each student draws (per-student variants), in source order
 * @param checks the checks, in source order; a line's {@link Line#check()} indexes this list
 * @param holes  every {@code ?} blank, in source order
 */
public record Exercise(Source source, String name, Span span, List<Line> lines, List<Draw> draws,
        List<Permission> permissions, List<Name> blind, List<Check> checks, List<Hole> holes, int answers) {
    public Exercise {
        lines = List.copyOf(lines);
        draws = List.copyOf(draws);
        permissions = List.copyOf(permissions);
        blind = List.copyOf(blind);
        checks = List.copyOf(checks);
        holes = List.copyOf(holes);
    }

    /** What a line of an exercise is. */
    public enum Role {
        /** Blank, or only a comment. */
        BLANK,
        /** {@code exercise "..." {}, a check's header, a closing brace: the exercise's frame. */
        FRAME,
        /** {@code draw n from 1 to 9}: the teacher's; never shown to a student. */
        DRAW,
        /** {@code forbid send}, {@code allow ...}, {@code blind attacker}: shown, locked. */
        RULE,
        /** A statement or profile the student is given and may not change (its blanks aside). */
        GIVEN,
        /** A question about the whole run ({@code goal ...}), inside a check. */
        GOAL,
        /** {@code answer {} or its closing brace. */
        ANSWER_FRAME,
        /** A line inside an answer block: the student's own. */
        ANSWER
    }

    /**
     * @param check  the index of the check the line is in, or -1
     * @param answer the index of the answer block the line is in (or opens or closes), or -1
     * @param goal   the goal on this line ({@link Role#GOAL}), else null
     */
    public record Line(int number, Role role, int check, int answer, Goal goal) {}

    /** {@code draw NAME from LOW to HIGH} or {@code draw NAME from {a, b, c}} (values then non-empty). */
    public record Draw(Name name, long low, long high, List<String> values, Span span) {
        public Draw {
            values = List.copyOf(values);
        }
    }

    /** {@code forbid send, profile} or {@code allow expect}: statement kinds, by their first word. */
    public record Permission(boolean allow, List<Name> words, Span span) {
        public Permission {
            words = List.copyOf(words);
        }
    }

    /** Who sees a check's result, and when. */
    public enum Visibility {
        VISIBLE, HIDDEN, AFTER_DUE
    }

    /**
     * {@code check "name" points 3 [hidden | after due] [feedback "..."] { ... }}.
     *
     * @param firstLine the header's line; {@code lastLine} the closing brace's
     */
    public record Check(String name, Span span, int points, Visibility visibility, String feedback, int firstLine,
            int lastLine) {}

    /** What a blank stands for: a value, flags, a state, a duration, a count. */
    public enum HoleKind {
        VALUE, FLAGS, STATE, DURATION, COUNT
    }

    /**
     * A {@code ?}.
     *
     * @param field what it is the value of, in the words of tcps's own failure lines: {@code seq},
     *              {@code ack}, {@code win}, {@code len}, {@code urg}, {@code flags}, {@code time},
     *              {@code state}, or the statement's first word
     */
    public record Hole(Span span, HoleKind kind, String field, int check) {}

    /** A question about the whole run, asked when it is over; it consumes no segment. */
    public sealed interface Goal {
        Span span();

        /**
         * {@code goal exists [A > B] PATTERN}, {@code goal N segments [A > B] PATTERN}, {@code goal no
         * [A > B] PATTERN}. {@code count} is null for exists and no; {@code countHole} marks a blank.
         */
        record Segments(String word, Long count, boolean countHole, Direction direction, Flags flags,
                List<FieldTest> fields, Span span) implements Goal {
            public Segments {
                fields = List.copyOf(fields);
            }
        }

        /** {@code goal server from client state CLOSE-WAIT at 5m}. */
        record StateAt(Name endpoint, Name peer, Name state, Duration at, Span span) implements Goal {}

        /** {@code goal server from client in CLOSE-WAIT for 5m}: at least that long in all. */
        record TimeIn(Name endpoint, Name peer, Name state, Duration atLeast, Span span) implements Goal {}

        /** {@code goal client from server passes SYN-SENT, ESTABLISHED, ...}: the states, in order. */
        record Passes(Name endpoint, Name peer, List<Name> states, Span span) implements Goal {
            public Passes {
                states = List.copyOf(states);
            }
        }

        /** {@code goal answers hold}: every assertion the student wrote held. */
        record AnswersHold(Span span) implements Goal {}

        /**
         * {@code goal answers expect every segment [with seq ack time]}: the student's expects
         * match every segment the stacks sent, each with these fields written.
         */
        record AnswersCover(List<String> fields, Span span) implements Goal {
            public AnswersCover {
                fields = List.copyOf(fields);
            }
        }
    }

    /** A field a segment goal tests: {@code len=5}, {@code win=0}, {@code "text"} (name data). */
    public record FieldTest(String name, long value, byte[] data, Span span) {}
}
