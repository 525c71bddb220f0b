package org.nixproc.lang.print;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nixproc.lang.ast.Formal;
import org.nixproc.lang.ast.LambdaExpr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.value.ContextBuilder;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/**
 * Values as XML, the way {@code nix-instantiate --eval --xml} and builtins.toXML write them (Nix
 * 2.8): indented by two spaces per level, XML attributes sorted by name, every derivation's
 * attributes shown once (later occurrences are {@code <repeated />}), unevaluated values and
 * primops as {@code <unevaluated />}. Output is a byte string like every Nix string here.
 */
public final class XmlPrinter {
    private final EvalState state;
    private final boolean strict;
    private final boolean location;
    private final StringBuilder out = new StringBuilder();
    private final Set<String> drvsSeen = new HashSet<>();
    private final ContextBuilder context = new ContextBuilder();
    private int depth;

    private XmlPrinter(EvalState state, boolean strict, boolean location) {
        this.state = state;
        this.strict = strict;
        this.location = location;
    }

    /** The XML document for a value; without strict, values not yet computed stay unevaluated. */
    public static String print(EvalState state, Lazy v, boolean strict, boolean location) {
        return document(state, v, strict, location).value();
    }

    /** builtins.toXML: strict, without locations, with the context of every string in the value. */
    public static NixString toXml(EvalState state, Lazy v) {
        return document(state, v, true, false);
    }

    private static NixString document(EvalState state, Lazy v, boolean strict, boolean location) {
        XmlPrinter p = new XmlPrinter(state, strict, location);
        p.out.append("<?xml version='1.0' encoding='utf-8'?>\n");
        p.open("expr", Map.of());
        p.value(v);
        p.close("expr");
        return NixString.of(p.out.toString(), p.context.build());
    }

    private void value(Lazy l) {
        Value v;
        if (strict) {
            v = l.force();
        } else if (l instanceof Thunk t && !t.isEvaluated()) {
            empty("unevaluated", Map.of());
            return;
        } else {
            v = l.force();
        }
        if (v instanceof NixInt i) {
            empty("int", Map.of("value", Long.toString(i.value())));
        } else if (v instanceof NixBool b) {
            empty("bool", Map.of("value", b.value() ? "true" : "false"));
        } else if (v instanceof NixString s) {
            if (s.hasContext()) {
                context.add(s.context());
            }
            empty("string", Map.of("value", s.value()));
        } else if (v instanceof NixPath p) {
            empty("path", Map.of("value", p.path()));
        } else if (v == NixNull.NULL) {
            empty("null", Map.of());
        } else if (v instanceof NixAttrs attrs) {
            attrs(attrs);
        } else if (v instanceof NixList list) {
            open("list", Map.of());
            for (Lazy e : list.elements()) {
                value(e);
            }
            close("list");
        } else if (v instanceof Lambda lambda) {
            function(lambda.expr());
        } else if (v instanceof NixFloat f) {
            empty("float", Map.of("value", FloatFormat.format(f.value())));
        } else {
            // Primops and partial applications of primops: Nix prints no details of them.
            empty("unevaluated", Map.of());
        }
    }

    private void attrs(NixAttrs attrs) {
        if (!state.isDerivation(attrs)) {
            open("attrs", Map.of());
            showAttrs(attrs);
            close("attrs");
            return;
        }
        Map<String, String> xml = new TreeMap<>();
        String drvPath = derivationString(attrs, "drvPath");
        if (drvPath != null) {
            xml.put("drvPath", drvPath);
        }
        String outPath = derivationString(attrs, "outPath");
        if (outPath != null) {
            xml.put("outPath", outPath);
        }
        open("derivation", xml);
        // A derivation without a (string) drvPath counts as already seen, as in Nix.
        if (drvPath != null && !drvPath.isEmpty() && drvsSeen.add(drvPath)) {
            showAttrs(attrs);
        } else {
            empty("repeated", Map.of());
        }
        close("derivation");
    }

    /** drvPath or outPath of a derivation if it is a string (forced only when strict). */
    private String derivationString(NixAttrs attrs, String name) {
        Lazy l = attrs.get(name);
        if (l == null) {
            return null;
        }
        Value v;
        if (strict) {
            v = l.force();
        } else if (l instanceof Thunk t && !t.isEvaluated()) {
            return null;
        } else {
            v = l.force();
        }
        return v instanceof NixString s ? s.value() : null;
    }

    private void showAttrs(NixAttrs attrs) {
        for (int i = 0; i < attrs.size(); i++) {
            Map<String, String> xml = new TreeMap<>();
            xml.put("name", attrs.name(i));
            Pos pos = attrs.position(i);
            if (location && pos.isKnown()) {
                position(xml, pos);
            }
            open("attr", xml);
            value(attrs.value(i));
            close("attr");
        }
    }

    private void function(LambdaExpr fun) {
        Map<String, String> xml = new TreeMap<>();
        if (location) {
            position(xml, fun.pos());
        }
        open("function", xml);
        if (fun.hasFormals()) {
            Map<String, String> pat = new TreeMap<>();
            if (fun.arg() != null) {
                pat.put("name", fun.arg());
            }
            if (fun.ellipsis()) {
                pat.put("ellipsis", "1");
            }
            open("attrspat", pat);
            TreeSet<String> names = new TreeSet<>();
            for (Formal f : fun.formals()) {
                names.add(f.name());
            }
            for (String name : names) {
                empty("attr", Map.of("name", name));
            }
            close("attrspat");
        } else {
            empty("varpat", Map.of("name", fun.arg()));
        }
        close("function");
    }

    /**
     * Nix 2.8 names the origin of an expression that was not read from a file by its text, so
     * the path of a position in a -E or stdin expression is the whole expression.
     */
    private static void position(Map<String, String> xml, Pos pos) {
        xml.put("path", pos.source().isFile() ? pos.source().origin() : pos.source().text());
        xml.put("line", Integer.toString(pos.line()));
        xml.put("column", Integer.toString(pos.column()));
    }

    // ---- the XML writer: one element per line, two spaces of indentation per level

    private void open(String name, Map<String, String> attrs) {
        indent();
        out.append('<').append(name);
        attributes(attrs);
        out.append(">\n");
        depth++;
    }

    private void close(String name) {
        depth--;
        indent();
        out.append("</").append(name).append(">\n");
    }

    private void empty(String name, Map<String, String> attrs) {
        indent();
        out.append('<').append(name);
        attributes(attrs);
        out.append(" />\n");
    }

    private void indent() {
        out.append(" ".repeat(depth * 2));
    }

    /** Attributes in name order; single-entry maps need no sorting. */
    private void attributes(Map<String, String> attrs) {
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            out.append(' ').append(e.getKey()).append("=\"");
            escape(e.getValue());
            out.append('"');
        }
    }

    /** Nix's XML writer escapes only these characters; tabs, CRs and other bytes pass through. */
    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#xA;");
                default -> out.append(c);
            }
        }
    }
}
