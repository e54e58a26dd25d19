package tcps.grammar;

import static tcps.grammar.TcpsParser.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import tcps.syntax.Span;

/**
 * Words syntax errors the way a user thinks about the script: "expected a number or `isn`, found
 * end of line", never token names. A few mistakes people make often get a sentence of their own;
 * the rest are built from what the parser would have taken there ({@link Expected}), each rule
 * described once in user words.
 */
final class SyntaxMessages {

    /** A message and the place it points at. */
    record Message(Span span, String text) {}

    static final List<String> STATEMENT_KEYWORDS = List.of("expect", "wait", "drop", "stack", "numbers", "link", "scenario",
            "delay", "duplicate", "reorder", "corrupt", "loss", "let", "profile");
    static final List<String> ACTION_KEYWORDS = List.of(
            "connect", "listen", "write", "read", "close", "shutdown", "abort", "send",
            "stack", "scripted", "at", "port", "isn", "ts", "stops", "bind", "accept", "setsockopt");
    private static final Set<Integer> ACTION_TOKENS = Set.of(
            CONNECT, LISTEN, WRITE, READ, CLOSE, SHUTDOWN, ABORT, SEND, SCRIPTED, AT, PORT, ISN, TS, STOPS, BIND, ACCEPT,
            SETSOCKOPT);

    /** Only to recognise `SYN ACK` written for `SYN-ACK`; the interpreter decides which flags exist. */
    private static final Set<String> FLAG_NAMES = Set.of("SYN", "ACK", "FIN", "RST", "PSH", "URG", "ECE", "CWR");

    private static final String A_STATEMENT = "a statement (such as `client connect`, `expect SYN`, `wait 1s`)";
    private static final String THE_END = "the end of the statement";
    private static final String A_FIELD = "a field (such as `ack=1`)";
    private static final String A_NUMBER_OR_ISN = "a number or `isn`";
    private static final int MOST_PHRASES = 4;

    private final TcpsParser parser;

    SyntaxMessages(TcpsParser parser) {
        this.parser = parser;
    }

    Message describe(StatementRecovery.Failure failure) {
        Token offending = failure.offending();
        switch (offending.getType()) {
            case STRAY:
                return at(offending, strayCharacter(offending.getText()));
            case UNTERMINATED_STRING:
                return at(offending, "unterminated string: add a closing \" before the end of the line");
            case UNCLOSED_BRACKET:
                return at(offending, "unclosed `[`: tcpdump flags look like [S.]");
            default:
                break;
        }
        if (failure.cause() instanceof NoViableAltException noViable
                && failure.context().getRuleIndex() == RULE_statement
                && noViable.getStartToken().getTokenIndex() != offending.getTokenIndex()
                && (noViable.getStartToken().getType() == IDENT || noViable.getStartToken().getType() == EXPECT)) {
            return statementStart(noViable.getStartToken(), offending);
        }
        Expected expected = Expected.at(parser.getATN(), failure.state(), failure.context(), offending.getTokenIndex());
        Message special = commonMistake(offending, failure.context(), expected);
        if (special != null) {
            return special;
        }
        List<String> phrases = phrases(expected);
        if (phrases.isEmpty()) {
            return at(offending, "unexpected " + found(offending));
        }
        return at(offending, "expected " + join(phrases) + ", found " + found(offending));
    }

    // ---- the first words of a statement ---------------------------------------------------------

    /** No statement starts like this: say which word is unknown, and what it may have meant. */
    private Message statementStart(Token first, Token offending) {
        if (first.getType() == EXPECT && offending.getTokenIndex() == first.getTokenIndex() + 3
                && tokens().get(first.getTokenIndex() + 1).getType() == IDENT
                && tokens().get(first.getTokenIndex() + 2).getType() == GT) {
            // `expect client >` then nothing: a direction (`win>` would be a field, but is rarer)
            return at(offending, "expected an endpoint (such as `client`), found " + found(offending));
        }
        if (first.getType() == EXPECT) {
            return at(offending, "expected a segment (such as `SYN-ACK ack=1`), a state (such as "
                    + "`client state ESTABLISHED`), an error (such as `client error ETIMEDOUT`) or `nothing` "
                    + "after `expect`, found " + found(offending));
        }
        if (first.getType() != IDENT) {
            return at(offending, "unexpected " + found(offending));
        }
        Token second = tokens().get(first.getTokenIndex() + 1);
        if (second.getType() == STATE) {
            return at(first, "a state check starts with `expect`, as in `expect " + first.getText() + " state ESTABLISHED`");
        }
        if (second.getType() == GT) {
            return at(first, "a segment check starts with `expect`, as in `expect client > server SYN`");
        }
        boolean knownEndpoint = first.getText().equals("client") || first.getText().equals("server");
        boolean typoedKeyword = Suggestions.closest(first.getText(), STATEMENT_KEYWORDS).isPresent();
        if (!knownEndpoint && (typoedKeyword || second.getType() != IDENT
                || Suggestions.closest(second.getText(), ACTION_KEYWORDS).isEmpty())) {
            return at(first, "unknown statement `" + first.getText() + "`; statements start with an endpoint "
                    + "(`client connect`) or a keyword such as expect, wait, drop, stack"
                    + didYouMean(first, STATEMENT_KEYWORDS));
        }
        if (second.getType() == IDENT) {
            return at(second, "unknown action `" + second.getText() + "`; after an endpoint comes an action "
                    + "such as connect, listen, write, send or close" + didYouMean(second, ACTION_KEYWORDS));
        }
        return at(second, "expected an action after `" + first.getText()
                + "` (such as connect, listen, write, send or close), found " + found(second));
    }

    private static String didYouMean(Token word, List<String> candidates) {
        return Suggestions.closest(word.getText(), candidates).map(k -> "; did you mean `" + k + "`?").orElse("");
    }

    // ---- mistakes that deserve their own sentence -----------------------------------------------

    private Message commonMistake(Token offending, RuleContext context, Expected expected) {
        int type = offending.getType();
        int rule = context.getRuleIndex();
        if (rule == RULE_scenario) {
            ScenarioContext scenario = (ScenarioContext) context;
            if (type == EOF && expected.contains(RBRACE) && scenario.LBRACE() != null) {
                return at(scenario.LBRACE().getSymbol(), "unclosed `{`: end the scenario with `}`");
            }
            if (type == SCENARIO && scenario.LBRACE() != null) {
                return at(offending, "a scenario cannot hold another scenario; is a `}` missing above?");
            }
            if (expected.contains(STRING)) {
                return at(offending, "a scenario needs a name in double quotes, as in `scenario \"handshake\" {`");
            }
        }
        if (type == RBRACE && !StatementRecovery.insideScenario(context)) {
            return at(offending, "unexpected `}`: no scenario is open here");
        }
        boolean statementWanted = phrases(expected).contains(A_STATEMENT);
        if (statementWanted && ACTION_TOKENS.contains(type)) {
            return at(offending, "`" + offending.getText() + "` needs an endpoint before it, as in `client "
                    + offending.getText() + "`");
        }
        if (expected.contains(DURATION) && (type == INT || type == DOTTED && offending.getText().split("\\.").length == 2)) {
            String n = offending.getText();
            return at(offending, "`" + n + "` needs a unit: write " + n + "s, " + n + "ms or " + n + "us");
        }
        if (type == IDENT && FLAG_NAMES.contains(offending.getText()) && phrases(expected).contains(A_FIELD)) {
            return at(offending, "`" + offending.getText() + "` reads as a field here; join flags with `-`, as in `SYN-ACK`");
        }
        Token previous = offending.getTokenIndex() > 0 ? tokens().get(offending.getTokenIndex() - 1) : null;
        Token operator = offending.getTokenIndex() > 2 ? tokens().get(offending.getTokenIndex() - 2) : null;
        if (FIELD_OPERATORS.contains(type) && previous != null && previous.getType() == IDENT
                && TreeBuilder.FIELD_NAMES.contains(previous.getText()) && operator != null
                && (operator.getType() == PLUS || operator.getType() == MINUS || operator.getType() == STAR
                        || FIELD_OPERATORS.contains(operator.getType()) && operator.getType() != IN)) {
            // `seq=isn+ ack=1`, `win< ack=1`: the next field's name was read as what the operator takes
            Token before = tokens().get(offending.getTokenIndex() - 3);
            return at(operator, "nothing follows `" + operator.getText() + "`: `" + previous.getText()
                    + "` is the next field, not a value; write a number after it, as in `" + before.getText()
                    + operator.getText() + "1`");
        }
        if (type == EQUALS && previous != null && previous.getType() == IDENT && insideSend(context)) {
            return at(previous, "`send` needs flags before its fields, as in `client send ACK "
                    + previous.getText() + "=...`");
        }
        return null;
    }

    private static final Set<Integer> FIELD_OPERATORS = Set.of(EQUALS, EQEQ, NOTEQ, LT, LE, GT, GE, IN);

    private static boolean insideSend(RuleContext context) {
        for (RuleContext c = context; c != null; c = c.parent) {
            if (c instanceof StatementLineContext line) {
                return line.statement() instanceof SendContext;
            }
        }
        return false;
    }

    // ---- what was expected, in words ------------------------------------------------------------

    private List<String> phrases(Expected expected) {
        Set<String> phrases = new LinkedHashSet<>();
        for (Expected.Wanted wanted : expected.tokens()) {
            String phrase = phrase(wanted);
            if (phrase != null && !phrase.isEmpty()) {
                phrases.add(phrase);
            }
        }
        if (expected.statementCanEnd()) {
            phrases.add(THE_END);
        }
        return new ArrayList<>(phrases);
    }

    /**
     * A token described by the outermost rule that has words for it: an identifier wanted by
     * {@code expr} is "a number or `isn`" even though the grammar gets it through {@code endpoint}.
     * Null when no rule has words for it; empty when it should not be mentioned at all (a `+` that
     * could continue an expression is never what the user missed).
     */
    private String phrase(Expected.Wanted wanted) {
        List<Integer> rules = wanted.rules();
        for (int i = 0; i < rules.size(); i++) {
            String phrase = ruleWords(rules.get(i), wanted.type(), i > 0 || wanted.fresh());
            if (phrase != null) {
                return phrase;
            }
        }
        return tokenWords(wanted.type());
    }

    private static String ruleWords(int rule, int type, boolean entered) {
        switch (rule) {
            case RULE_script:
                return type == NEWLINE || type == SEMI || type == EOF || type == SCENARIO || type == PROFILE
                        || type == IMPORT || type == MACRO ? "" : null;
            case RULE_profileDef:
                return type == NEWLINE ? "" : null;
            case RULE_setting:
                return entered ? "a parameter and its value (such as `syn_retries 2`)" : null;
            case RULE_settingValue:
                return "a value (a number, a duration or a word)";
            case RULE_settingEnd:
                return "the end of the line";
            case RULE_timing:
                return "a time (such as `after 1s` or `at +2s`)";
            case RULE_scenario:
                return type == STRING ? "a scenario name in double quotes" : type == NEWLINE ? "" : null;
            case RULE_statementLine:
                return A_STATEMENT;
            case RULE_statement:
                return entered ? A_STATEMENT : null;
            case RULE_statementEnd:
                return THE_END;
            case RULE_separator:
                return "";
            case RULE_endpoint:
                return "an endpoint (such as `client`)";
            case RULE_profile:
                return type == MINUS ? "" : "a stack profile (such as `linux`)";
            case RULE_stateName:
            case RULE_anyWord:
                return type == MINUS ? "" : "a state (such as `ESTABLISHED`)";
            case RULE_address:
                return "an IPv4 address (such as `127.0.0.1`)";
            case RULE_port:
                return "a port number";
            case RULE_duration:
                return "a duration (such as `1s` or `200ms`)";
            case RULE_direction:
                return entered ? "a direction (such as `client > server`)" : null;
            case RULE_flags:
                return type == MINUS || type == PLUS ? "" : "flags (such as `SYN` or `[S.]`)";
            case RULE_field:
                if (entered) {
                    return A_FIELD;
                }
                return type == COLON ? "" : null;
            case RULE_option:
                return entered ? "an option (such as `mss 1460`)" : null;
            case RULE_optionArgument:
                return ""; // the option's name says what it takes; TreeBuilder checks that
            case RULE_expr:
                if (!entered && (type == PLUS || type == MINUS || type == STAR)) {
                    return "";
                }
                if (!entered && type == DOT) {
                    return "`.isn` after an endpoint name";
                }
                return !entered && type == RPAREN ? "`)`" : A_NUMBER_OR_ISN;
            default:
                return null;
        }
    }

    private String tokenWords(int type) {
        switch (type) {
            case EOF:
                return "the end of the file";
            case NEWLINE:
            case SEMI:
                return "";
            case STRING:
                return "text in double quotes";
            case INT:
                return "a number";
            case IDENT:
                return "a name";
            case AS:
                return "`as NAME`";
            default:
                String literal = parser.getVocabulary().getLiteralName(type);
                return literal == null ? "" : "`" + literal.substring(1, literal.length() - 1) + "`";
        }
    }

    /** "A", "A or B", "A, B or C"; past a few, the rest is summed up. */
    private static String join(List<String> phrases) {
        List<String> shown = new ArrayList<>(phrases);
        if (shown.size() > 1) {
            shown.replaceAll(p -> p.equals(A_NUMBER_OR_ISN) ? "a number" : p);
        }
        if (shown.size() > MOST_PHRASES) {
            shown = new ArrayList<>(shown.subList(0, MOST_PHRASES));
            shown.add("something else");
        }
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    }

    // ---- the offending token --------------------------------------------------------------------

    static String found(Token token) {
        switch (token.getType()) {
            case EOF:
                return "end of file";
            case NEWLINE:
                return "end of line";
            default:
                String text = token.getText();
                return "`" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "`";
        }
    }

    private static String strayCharacter(String text) {
        int c = text.codePointAt(0);
        if (Character.isISOControl(c)) {
            return String.format("unexpected control character U+%04X", c);
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT) {
            return String.format("unexpected invisible character U+%04X", c);
        }
        return "unexpected character `" + text + "`";
    }

    private TokenStream tokens() {
        return parser.getInputStream();
    }

    private static Message at(Token token, String text) {
        return new Message(Spans.of(token), text);
    }
}
