package tcps.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiler proves that every pass has a method for every kind of node; this proves that each
 * node calls its own method (a copied {@code accept} calling its neighbour's would compile).
 */
class VisitorTest {
    @Test
    void everyStatementCallsItsOwnVisitorMethod() throws Exception {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> group : Statement.class.getPermittedSubclasses()) {
            kinds.addAll(List.of(group.getPermittedSubclasses()));
        }
        assertFalse(kinds.isEmpty());
        for (Class<?> kind : kinds) {
            Statement s = (Statement) instance(kind);
            assertEquals("visit" + kind.getSimpleName(), s.accept(recorder(Statement.Visitor.class)), kind.getName());
        }
    }

    @Test
    void statementsFallIntoFourGroupsAndTheBrokenOnes() {
        assertEquals(List.of("Setup", "Action", "Expectation", "Compound", "Erroneous"),
                java.util.Arrays.stream(Statement.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
    }

    @Test
    void everyFieldExpressionAndOptionCallsItsOwnVisitorMethod() throws Exception {
        for (Class<?> kind : Field.class.getPermittedSubclasses()) {
            assertEquals("visit" + kind.getSimpleName(),
                    ((Field) instance(kind)).accept(recorder(Field.Visitor.class)), kind.getName());
        }
        for (Class<?> kind : Expr.class.getPermittedSubclasses()) {
            assertEquals("visit" + kind.getSimpleName(),
                    ((Expr) instance(kind)).accept(recorder(Expr.Visitor.class)), kind.getName());
        }
        for (Class<?> kind : OptionItem.class.getPermittedSubclasses()) {
            assertEquals("visit" + kind.getSimpleName(),
                    ((OptionItem) instance(kind)).accept(recorder(OptionItem.Visitor.class)), kind.getName());
        }
    }

    /** A visitor that answers the name of the method called. */
    @SuppressWarnings("unchecked")
    private static <V> V recorder(Class<V> visitor) {
        return (V) Proxy.newProxyInstance(visitor.getClassLoader(), new Class<?>[] {visitor},
                (proxy, method, args) -> method.getName());
    }

    /** A record of that kind with empty components: only its class matters here. */
    private static Object instance(Class<?> kind) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = empty(types[i]);
        }
        Constructor<?> c = kind.getDeclaredConstructor(types);
        return c.newInstance(values);
    }

    private static Object empty(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == java.util.Set.class) {
            return java.util.Set.of();
        }
        if (type == byte[].class) {
            return new byte[0];
        }
        if (type == Span.class) {
            return new Span(1, 1, 1);
        }
        return null;
    }
}
