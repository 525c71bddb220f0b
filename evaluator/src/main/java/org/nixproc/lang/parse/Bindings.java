package org.nixproc.lang.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nixproc.grammar.NixParser;
import org.nixproc.lang.ast.Pos;

/**
 * The bindings of a set or let before their values are built: attribute paths ({@code a.b = 1})
 * expanded into nested sets and merged with set literals of the same name, inherits, and
 * attributes with computed names. Values stay parse trees until the scope they see exists.
 */
final class Bindings {
    /** One static attribute's definition. */
    sealed interface Def {
        Pos pos();
    }

    /** {@code a = expr;} */
    record ExprDef(NixParser.ExprContext expr, Pos pos) implements Def {
    }

    /** {@code inherit a;}: the variable a of the enclosing scope. */
    record InheritDef(String name, Pos pos) implements Def {
    }

    /** {@code inherit (from) a;} */
    record InheritFromDef(NixParser.ExprContext from, String name, Pos pos) implements Def {
    }

    /** The set made by attribute paths: {@code a.b = 1; a.c = 2;} */
    record NestedDef(Bindings bindings, Pos pos) implements Def {
    }

    /** {@code ${name} = value;} */
    record DynamicDef(NixParser.StringAttrContext nameString, Def value, Pos pos) {
    }

    /** Whether these are the bindings of a rec set (attribute paths may add to one, regrettably). */
    boolean rec;
    final TreeMap<String, Def> statics = new TreeMap<>();
    final List<DynamicDef> dynamic = new ArrayList<>();
}
