package tcps.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import tcps.grammar.Lexemes;
import tcps.grammar.Lexemes.Kind;
import tcps.grammar.Lexemes.Lexeme;
import tcps.syntax.Span;

/**
 * The outline of a document (an editor's breadcrumbs and symbol list): its scenarios, profiles
 * and macros, each from its keyword to its closing brace, and a scenario's own profiles inside
 * it. Read from the lexemes, so that a half-typed file still has an outline.
 */
final class Outline {
    private Outline() {}

    static List<DocumentSymbol> of(String text) {
        List<Lexeme> all = Lexemes.of(text).stream().filter(l -> l.kind() != Kind.COMMENT).toList();
        Lines lines = new Lines(text);
        List<DocumentSymbol> top = new ArrayList<>();
        List<DocumentSymbol> openScenario = null;
        int scenarioEnd = -1;
        for (int i = 0; i + 1 < all.size(); i++) {
            Lexeme l = all.get(i);
            String word = l.text();
            boolean block = word.equals("scenario") || word.equals("exercise");
            if (!(block || word.equals("profile") || word.equals("macro"))) {
                continue;
            }
            Lexeme nameLexeme = all.get(i + 1);
            String name;
            Span nameSpan;
            SymbolKind kind;
            if (block) {
                if (nameLexeme.kind() != Kind.STRING) {
                    continue;
                }
                name = nameLexeme.text().substring(1, nameLexeme.text().length() - 1);
                nameSpan = nameLexeme.span();
                kind = SymbolKind.Module;
            } else {
                Context.Name n = Context.nameAt(all, nameLexeme.span().line(), nameLexeme.span().column());
                if (n == null || n.span().column() != nameLexeme.span().column()) {
                    continue;
                }
                name = n.text();
                nameSpan = n.span();
                kind = word.equals("profile") ? SymbolKind.Class : SymbolKind.Function;
            }
            int close = closingBrace(all, i);
            Span end = all.get(close).span();
            Range full = new Range(lines.range(l.span()).getStart(), lines.range(end).getEnd());
            DocumentSymbol symbol = new DocumentSymbol(name, kind, full, lines.range(nameSpan),
                    word);
            symbol.setChildren(new ArrayList<>());
            if (openScenario != null && i < scenarioEnd) {
                openScenario.add(symbol);
            } else {
                top.add(symbol);
            }
            if (block) {
                openScenario = symbol.getChildren();
                scenarioEnd = close;
            }
        }
        return top;
    }

    /** The index of the `}` that closes the block opened after lexeme {@code from} (or the last lexeme). */
    private static int closingBrace(List<Lexeme> all, int from) {
        int depth = 0;
        for (int i = from; i < all.size(); i++) {
            String t = all.get(i).text();
            if (t.equals("{")) {
                depth++;
            } else if (t.equals("}")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return all.size() - 1;
    }
}
