package org.nixproc.lang.ast;

import org.nixproc.lang.print.StringEscapes;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * Prints an expression the way Nix 2.8's {@code --parse} and assertion messages show it:
 * fully parenthesised, with the parser's rewrites visible ({@code a < b} as {@code (__lessThan a b)}).
 */
public final class ExprPrinter {
    private final StringBuilder out = new StringBuilder();

    private ExprPrinter() {
    }

    public static String show(Expr e) {
        ExprPrinter p = new ExprPrinter();
        p.print(e);
        return p.out.toString();
    }

    private void print(Expr e) {
        if (e instanceof Literal l) {
            literal(l.value());
        } else if (e instanceof VarStatic v) {
            out.append(v.name());
        } else if (e instanceof VarWith v) {
            out.append(v.name());
        } else if (e instanceof CurPos) {
            out.append("__curPos");
        } else if (e instanceof Select s) {
            out.append('(');
            print(s.subject());
            out.append(")");
            attrPath(s.path());
            if (s.fallback() != null) {
                out.append(" or (");
                print(s.fallback());
                out.append(')');
            }
        } else if (e instanceof HasAttr h) {
            out.append("((");
            print(h.subject());
            out.append(") ?");
            attrPath(h.path());
            out.append(')');
        } else if (e instanceof AttrsLit a) {
            attrs(false, a.names(), a.values(), a.dynamic());
        } else if (e instanceof RecAttrsLit a) {
            attrs(true, a.names(), a.values(), a.dynamic());
        } else if (e instanceof ListLit l) {
            out.append("[ ");
            for (Expr x : l.elements()) {
                print(x);
                out.append(' ');
            }
            out.append(']');
        } else if (e instanceof LambdaExpr l) {
            lambda(l);
        } else if (e instanceof Call c) {
            out.append('(');
            print(c.function());
            for (Expr a : c.args()) {
                out.append(' ');
                print(a);
            }
            out.append(')');
        } else if (e instanceof Let l) {
            out.append("(let ");
            for (int i = 0; i < l.bindings().length; i++) {
                out.append(l.names()[i]).append(" = ");
                print(l.bindings()[i]);
                out.append("; ");
            }
            out.append("in ");
            print(l.body());
            out.append(')');
        } else if (e instanceof With w) {
            out.append("(with ");
            print(w.attrs());
            out.append("; ");
            print(w.body());
            out.append(')');
        } else if (e instanceof If i) {
            out.append("(if ");
            print(i.condition());
            out.append(" then ");
            print(i.then());
            out.append(" else ");
            print(i.otherwise());
            out.append(')');
        } else if (e instanceof Assert a) {
            out.append("(assert ");
            print(a.condition());
            out.append("; ");
            print(a.body());
            out.append(')');
        } else if (e instanceof Not n) {
            out.append("(! ");
            print(n.operand());
            out.append(')');
        } else if (e instanceof BinaryOp b) {
            binary(b);
        } else if (e instanceof Add a) {
            out.append('(');
            print(a.left());
            out.append(" + ");
            print(a.right());
            out.append(')');
        } else if (e instanceof InterpolatedString s) {
            concat(s.parts());
        } else if (e instanceof InterpolatedPath p) {
            concat(p.parts());
        }
    }

    private void literal(Value v) {
        if (v instanceof NixInt i) {
            out.append(i.value());
        } else if (v instanceof NixFloat f) {
            out.append(org.nixproc.lang.print.FloatFormat.format(f.value()));
        } else if (v instanceof NixString s) {
            out.append(StringEscapes.quote(s.value()));
        } else if (v instanceof NixPath p) {
            out.append(p.path());
        }
    }

    private void binary(BinaryOp b) {
        Operator op = b.op();
        if (!op.isCall()) {
            out.append('(');
            print(b.left());
            out.append(' ').append(op.symbol).append(' ');
            print(b.right());
            out.append(')');
            return;
        }
        boolean swap = op == Operator.GT || op == Operator.LE;
        boolean negate = op == Operator.LE || op == Operator.GE;
        if (negate) {
            out.append("(! ");
        }
        out.append('(').append(op.symbol).append(' ');
        print(swap ? b.right() : b.left());
        out.append(' ');
        print(swap ? b.left() : b.right());
        out.append(')');
        if (negate) {
            out.append(')');
        }
    }

    private void concat(Expr[] parts) {
        out.append('(');
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(" + ");
            }
            print(parts[i]);
        }
        out.append(')');
    }

    private void attrPath(AttrName[] path) {
        for (AttrName n : path) {
            out.append('.');
            if (n instanceof AttrName.Static s) {
                out.append(s.name());
            } else {
                out.append("\"${");
                print(((AttrName.Dynamic) n).expr());
                out.append("}\"");
            }
        }
    }

    private void attrs(boolean rec, String[] names, Expr[] values, DynamicAttr[] dynamic) {
        if (rec) {
            out.append("rec ");
        }
        out.append("{ ");
        for (int i = 0; i < names.length; i++) {
            out.append(names[i]).append(" = ");
            print(values[i]);
            out.append("; ");
        }
        for (DynamicAttr d : dynamic) {
            out.append("\"${");
            print(d.name());
            out.append("}\" = ");
            print(d.value());
            out.append("; ");
        }
        out.append('}');
    }

    private void lambda(LambdaExpr l) {
        out.append('(');
        if (l.hasFormals()) {
            out.append("{ ");
            boolean first = true;
            for (Formal f : l.formals()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(f.name());
                if (f.defaultValue() != null) {
                    out.append(" ? ");
                    print(f.defaultValue());
                }
            }
            if (l.ellipsis()) {
                if (!first) {
                    out.append(", ");
                }
                out.append("...");
            }
            out.append(" }");
            if (l.arg() != null) {
                out.append(" @ ");
            }
        }
        if (l.arg() != null) {
            out.append(l.arg());
        }
        out.append(": ");
        print(l.body());
        out.append(')');
    }
}
