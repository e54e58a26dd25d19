package tcps.grammar;

import java.util.ArrayList;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The class of every parse-tree node (the grammar's {@code contextSuperClass}). ANTLR gives each
 * node a list with room for ten children; nine nodes in ten have one to three, and about one in
 * twenty more than four, so here the list starts with room for four: less heap for the tree, and
 * less to allocate while parsing.
 */
public class TcpsContext extends ParserRuleContext {
    public TcpsContext() {}

    public TcpsContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(t);
        return t;
    }

    // ANTLR's own versions of the accessors below walk the children with an iterator; these
    // index them (the generated accessors, such as ctx.IDENT() or ctx.expr(0), call them).

    @Override
    public TerminalNode getToken(int ttype, int i) {
        if (children == null || i < 0 || i >= children.size()) {
            return null;
        }
        int j = -1; // what token with ttype we're on
        for (int k = 0, n = children.size(); k < n; k++) {
            if (children.get(k) instanceof TerminalNode node && node.getSymbol().getType() == ttype && ++j == i) {
                return node;
            }
        }
        return null;
    }

    @Override
    public <T extends ParserRuleContext> T getRuleContext(Class<? extends T> ctxType, int i) {
        if (children == null || i < 0 || i >= children.size()) {
            return null;
        }
        int j = -1;
        for (int k = 0, n = children.size(); k < n; k++) {
            ParseTree o = children.get(k);
            if (ctxType.isInstance(o) && ++j == i) {
                return ctxType.cast(o);
            }
        }
        return null;
    }
}
