package tcps.lsp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import tcps.check.StandardLibrary;
import tcps.grammar.Lexemes;
import tcps.check.ParameterValues;
import tcps.tcp.Parameter;
import tcps.tcp.Profile;
import tcps.tcp.TcpError;
import tcps.tcp.TcpFlags;
import tcps.tcp.TcpState;

/**
 * What may come next where the cursor is: statement keywords at the start of a statement, the
 * verbs after an endpoint, stacks after {@code stack}, states after {@code state}, errors after
 * {@code error}, flags and fields in {@code expect} and {@code send}, options inside
 * {@code <...>}, and in a {@code profile} block its parameters (with their documentation) and
 * their values. Elsewhere, every word the language knows.
 */
final class Completions {
    /** Keywords that only ever follow another word; every other keyword can start a statement. */
    private static final Set<String> MID_STATEMENT = Set.of("extends", "scripted", "absolute", "relative", "at", "port",
            "isn", "ts", "rtt", "listen", "connect", "write", "read", "close", "shutdown", "abort", "send", "next",
            "until", "state", "length", "after", "as", "error", "nothing", "for", "more", "stops", "reading", "from",
            "to", "most", "eventually", "within", "since", "in", "unmatched", "segments", "bind", "accept", "backlog",
            "setsockopt", "readable");
    /** What an endpoint does: `client connect`, `server stops reading`, `client stack linux`. */
    private static final List<String> ENDPOINT_VERBS = List.of("connect", "listen", "bind", "accept", "write", "read",
            "close", "shutdown", "abort", "send", "setsockopt", "stops reading", "stack", "at", "port", "isn", "ts",
            "scripted");
    private static final List<String> FIELDS = List.of("seq=", "ack=", "win=", "urg=", "len=", "length");
    private static final List<String> OPTIONS = List.of("mss", "wscale", "sackOK", "TS", "sack", "nop", "eol");
    private static final List<String> BRACKET_FLAGS = List.of("[S]", "[S.]", "[.]", "[P.]", "[F.]", "[R]", "[R.]");
    private static final List<String> FAULTS = List.of("drop", "duplicate", "corrupt", "reorder", "delay");

    private Completions() {}

    static List<CompletionItem> at(Context c) {
        if (c.quiet()) {
            return List.of();
        }
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        if (c.inProfile()) {
            inProfile(c, items);
            return List.copyOf(items.values());
        }
        String first = c.word(0);
        String last = c.last();
        Set<String> endpoints = c.endpoints();
        if (c.before().isEmpty()) {
            statementStarts(items);
            endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
        } else if (last.equals("stack") || last.equals("extends")) {
            profiles(c, items);
        } else if (last.equals("state")) {
            states(items);
        } else if (last.equals("error")) {
            for (TcpError e : TcpError.values()) {
                add(items, e.name(), CompletionItemKind.EnumMember, e.text(), null);
            }
        } else if (c.before().size() == 1 && endpoints.contains(first)) {
            ENDPOINT_VERBS.forEach(v -> add(items, v, CompletionItemKind.Keyword, "what " + first + " does", null));
        } else if (last.equals("setsockopt")) {
            for (tcps.check.SocketOption o : tcps.check.SocketOption.values()) {
                add(items, o.name(), CompletionItemKind.Constant, "socket option", null);
            }
        } else if (last.equals("listen") && c.before().size() == 2) {
            add(items, "backlog", CompletionItemKind.Keyword, "listen backlog N", null);
        } else if (last.equals("until")) {
            endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
        } else if (c.inOptions()) {
            OPTIONS.forEach(o -> add(items, o, CompletionItemKind.Constant, "TCP option, as tcpdump spells it", null));
        } else if (first.equals("expect")) {
            expect(c, items, endpoints);
        } else if (c.contains("send")) {
            flags(items);
            fields(items);
            add(items, "from", CompletionItemKind.Keyword, "forge the source: send SYN from client to server", null);
            add(items, "to", CompletionItemKind.Keyword, null, null);
        } else if (FAULTS.contains(first)) {
            if (c.before().size() == 1) {
                add(items, "next", CompletionItemKind.Keyword, first + " next [N] [A > B] [FLAGS]", null);
            } else {
                endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
                flags(items);
            }
        } else if (first.equals("wait") && c.before().size() == 1) {
            add(items, "until", CompletionItemKind.Keyword, "wait until ENDPOINT state STATE", null);
        } else {
            everything(items, endpoints);
        }
        return List.copyOf(items.values());
    }

    private static void expect(Context c, Map<String, CompletionItem> items, Set<String> endpoints) {
        int n = c.before().size();
        String last = c.last();
        if (n == 1) {
            endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
            add(items, "nothing", CompletionItemKind.Keyword, "expect nothing for D / expect nothing more", null);
            flags(items);
            fields(items);
        } else if (n == 2 && endpoints.contains(last)) {
            add(items, "state", CompletionItemKind.Keyword, "expect " + last + " state STATE", null);
            add(items, "error", CompletionItemKind.Keyword, "expect " + last + " error ERRNO", null);
            add(items, "readable", CompletionItemKind.Keyword, "expect " + last + " readable N: bytes waiting to be read",
                    null);
            add(items, ">", CompletionItemKind.Operator, "the direction: sender > receiver", null);
        } else if (last.equals(">")) {
            endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
        } else if (last.equals("nothing")) {
            add(items, "for", CompletionItemKind.Keyword, null, null);
            add(items, "more", CompletionItemKind.Keyword, null, null);
        } else {
            flags(items);
            fields(items);
            add(items, "after", CompletionItemKind.Keyword, "sent D after the previous matched segment", null);
            add(items, "at", CompletionItemKind.Keyword, "sent at +D from the start", null);
            add(items, "as", CompletionItemKind.Keyword, "name the segment: as probe (then probe.seq)", null);
        }
    }

    /** In a profile block: a parameter at the start of a setting, then a value that parameter takes. */
    private static void inProfile(Context c, Map<String, CompletionItem> items) {
        if (c.before().isEmpty()) {
            for (Parameter p : Profile.parameters()) {
                CompletionItem item = add(items, p.name(), CompletionItemKind.Property, kind(p), doc(p));
                item.setInsertText(p.name() + " ");
            }
            return;
        }
        Parameter p = c.before().size() == 1 ? parameter(c.word(0)) : null;
        if (p == null) {
            return;
        }
        switch (p.kind()) {
            case BOOLEAN:
                add(items, "true", CompletionItemKind.Value, null, null);
                add(items, "false", CompletionItemKind.Value, null, null);
                break;
            case CHOICE:
                p.choices().forEach(v -> add(items, v, CompletionItemKind.EnumMember, null, null));
                break;
            default:
                for (Profile stack : StandardLibrary.stacks().values()) {
                    String v = ParameterValues.shown(p, stack.value(p.name()));
                    add(items, v, CompletionItemKind.Value, "as in " + stack.name(), null);
                }
        }
    }

    private static Parameter parameter(String name) {
        return Profile.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** A parameter's documentation: what it means, the values it takes, and its value in each stack. */
    static String doc(Parameter p) {
        StringBuilder sb = new StringBuilder("**").append(p.name()).append("**: ").append(p.description())
                .append("\n\nValues: ").append(ParameterValues.of(p)).append("\n\n|");
        Map<String, Profile> stacks = StandardLibrary.stacks();
        stacks.keySet().forEach(name -> sb.append(' ').append(name).append(" |"));
        sb.append("\n|");
        stacks.keySet().forEach(name -> sb.append("---|"));
        sb.append("\n|");
        stacks.values().forEach(s -> sb.append(' ').append(ParameterValues.shown(p, s.value(p.name()))).append(" |"));
        return sb.append('\n').toString();
    }

    private static String kind(Parameter p) {
        switch (p.kind()) {
            case BOOLEAN:
                return "true or false";
            case CHOICE:
                return String.join(" | ", p.choices());
            case DURATION:
                return "duration";
            default:
                return p.unit().isEmpty() ? "number" : "number of " + p.unit();
        }
    }

    private static void statementStarts(Map<String, CompletionItem> items) {
        for (String k : Lexemes.keywords()) {
            if (!MID_STATEMENT.contains(k)) {
                add(items, k, CompletionItemKind.Keyword, null, null);
            }
        }
    }

    private static void profiles(Context c, Map<String, CompletionItem> items) {
        for (Profile stack : StandardLibrary.stacks().values()) {
            add(items, stack.name(), CompletionItemKind.Module, "built-in stack", null);
        }
        for (Context.Name n : c.profileDefinitions()) {
            add(items, n.text(), CompletionItemKind.Module, "profile defined at line " + n.span().line(), null);
        }
    }

    private static void states(Map<String, CompletionItem> items) {
        for (TcpState s : TcpState.values()) {
            add(items, s.rfcName(), CompletionItemKind.EnumMember, "RFC 9293 state", null);
        }
    }

    private static void flags(Map<String, CompletionItem> items) {
        for (String w : TcpFlags.allWords()) {
            add(items, w, CompletionItemKind.EnumMember, "flag", null);
        }
        for (String w : List.of("SYN-ACK", "FIN-ACK", "RST-ACK", "PSH-ACK")) {
            add(items, w, CompletionItemKind.EnumMember, "flags", null);
        }
        for (String b : BRACKET_FLAGS) {
            add(items, b, CompletionItemKind.EnumMember, "flags, as tcpdump prints them", null);
        }
    }

    private static void fields(Map<String, CompletionItem> items) {
        for (String f : FIELDS) {
            add(items, f, CompletionItemKind.Field, "segment field", null);
        }
    }

    private static void everything(Map<String, CompletionItem> items, Set<String> endpoints) {
        for (String k : Lexemes.keywords()) {
            add(items, k, CompletionItemKind.Keyword, null, null);
        }
        endpoints.forEach(e -> add(items, e, CompletionItemKind.Variable, "endpoint", null));
        flags(items);
        states(items);
    }

    private static CompletionItem add(Map<String, CompletionItem> items, String label, CompletionItemKind kind,
            String detail, String markdown) {
        return items.computeIfAbsent(label, l -> {
            CompletionItem item = new CompletionItem(l);
            item.setKind(kind);
            if (detail != null) {
                item.setDetail(detail);
            }
            if (markdown != null) {
                item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, markdown));
            }
            return item;
        });
    }
}
