package tcps.grammar;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * How deeply a script may nest, checked before anything recurses over it: the parser recurses
 * into parentheses, a leading `-` and blocks; the tree builder, the checker and the interpreter
 * recurse into every operator of an expression. A script past the limit is told so as a static
 * error at the place it went too deep, instead of ending in a stack overflow.
 *
 * <p>Both checks here are loops, never recursion: they run on input of any depth.
 */
final class Nesting {
    /** The depth {@link ScriptParser#parse(tcps.syntax.Source)} allows, far past any real script. */
    static final int DEFAULT_MAX_DEPTH = 100;
    /** The most a caller may ask for: every recursion over a tree this deep fits in a thread's stack. */
    static final int HIGHEST_MAX_DEPTH = 1000;

    private Nesting() {}

    /**
     * Checks on a file's tokens, fed one at a time as the lexer makes them (so that a long file's
     * tokens are not read again): {@link Scan#deep()} is the first token at which blocks nest
     * deeper than {@code max}, or an expression has more than {@code max} operators and
     * parentheses. Counting operators bounds the depth of every tree the parser and the passes
     * after it would recurse into, and a file refused here is not parsed at all, which also keeps
     * a 50,000-term expression from costing seconds. {@link Scan#expressionsMayBeTooDeep()} says
     * whether {@link #tooDeepExpressions} can find anything.
     */
    static final class Scan {
        private final int max;
        private int blocks;
        private int operators; // in the expression being read: + - * and parentheses
        private Deep deep;
        private int chainOperators; // as operators, but durations and blanks do not end the run
        private boolean mayBeTooDeep;

        Scan(int max) {
            this.max = max;
        }

        void see(Token t) {
            int type = t.getType();
            if (deep == null) {
                switch (type) {
                    case TcpsParser.LBRACE -> {
                        blocks++;
                        operators = 0;
                    }
                    case TcpsParser.RBRACE -> {
                        blocks = Math.max(0, blocks - 1);
                        operators = 0;
                    }
                    case TcpsParser.LPAREN, TcpsParser.PLUS, TcpsParser.MINUS, TcpsParser.STAR -> operators++;
                    case TcpsParser.RPAREN, TcpsParser.INT, TcpsParser.IDENT, TcpsParser.ISN, TcpsParser.DOT -> {
                        // inside an expression
                    }
                    default -> operators = 0; // `=`, `,`, a keyword, a new line: another expression starts
                }
                if (blocks > max) {
                    deep = new Deep(t, "blocks nest too deeply: more than " + max + " `{` open at once");
                } else if (operators > max) {
                    deep = new Deep(t, expressionMessage(max));
                }
            }
            // Every level of an expression but the innermost takes an operator token of its own
            // (`-`, `*`, `+`, `(`), and an expression's tokens are contiguous (in a tree parsed
            // without error recovery, which may skip tokens), all of the kinds counted here: so no
            // expression is deeper than the operators of its run of such tokens, plus one.
            switch (type) {
                case TcpsParser.LPAREN, TcpsParser.PLUS, TcpsParser.MINUS, TcpsParser.STAR -> {
                    if (++chainOperators + 1 > max) {
                        mayBeTooDeep = true;
                    }
                }
                case TcpsParser.RPAREN, TcpsParser.INT, TcpsParser.IDENT, TcpsParser.ISN, TcpsParser.DOT,
                        TcpsParser.DURATION, TcpsParser.HOLE -> {
                    // inside an expression
                }
                default -> chainOperators = 0;
            }
        }

        /** Where the tokens so far nest too deep for the parser, or null. */
        Deep deep() {
            return deep;
        }

        /**
         * Whether any expression in a file of these tokens could nest deeper than {@code max};
         * when not, {@link #tooDeepExpressions} has nothing to find in a tree parsed without error
         * recovery, and its walk of the whole parse tree can be skipped.
         */
        boolean expressionsMayBeTooDeep() {
            return mayBeTooDeep;
        }
    }

    /**
     * The outermost expression in {@code root} whose operators and parentheses nest deeper than
     * {@code max} (as `1+1+...+1` does, one level per `+`), in source order, or none.
     */
    static List<ParserRuleContext> tooDeepExpressions(ParseTree root, int max) {
        List<ParserRuleContext> found = new java.util.ArrayList<>();
        // Each entry: a node, the depth of expressions around it, and the outermost expression it is in.
        record Visit(ParseTree node, int depth, ParserRuleContext outermost) {}
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(root, 0, null));
        ParserRuleContext lastReported = null;
        while (!stack.isEmpty()) {
            Visit v = stack.pop();
            int depth = v.depth();
            ParserRuleContext outermost = v.outermost();
            if (v.node() instanceof TcpsParser.ExprContext expr) {
                depth++;
                if (outermost == null) {
                    outermost = expr;
                }
                if (depth > max && outermost != lastReported) {
                    found.add(outermost);
                    lastReported = outermost;
                    continue; // one report per expression; nothing under it needs looking at
                }
            }
            if (outermost != null && outermost == lastReported) {
                continue;
            }
            for (int i = v.node().getChildCount() - 1; i >= 0; i--) {
                stack.push(new Visit(v.node().getChild(i), depth, outermost));
            }
        }
        return found;
    }

    /** Where a file goes too deep, and what to say. */
    record Deep(Token token, String message) {}

    static String expressionMessage(int max) {
        return "this expression is too deep: more than " + max + " operators and parentheses; split it into "
                + "parts with `let`";
    }
}
