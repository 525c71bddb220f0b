package org.nixproc.lang.print;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.ContextBuilder;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixFunction;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/**
 * Values as JSON, the way builtins.toJSON and {@code --json} write them: compact; sets with
 * __toString or outPath as strings; paths copied to the store; string contexts collected.
 */
public final class JsonPrinter {
    /** Nix 2.8 adds this literal placeholder to the trace of a value JSON cannot represent. */
    private static final String TRACE = "message for the trace";

    private final EvalState state;
    private final boolean strict;
    private final StringBuilder out = new StringBuilder();
    private final ContextBuilder context = new ContextBuilder();

    private JsonPrinter(EvalState state, boolean strict) {
        this.state = state;
        this.strict = strict;
    }

    public static String print(EvalState state, Lazy v, boolean strict) {
        JsonPrinter p = new JsonPrinter(state, strict);
        p.value(v, Pos.NONE);
        return p.out.toString();
    }

    /** toJSON: the text and the context of every string in it. */
    public static NixString toJson(EvalState state, Lazy v, Pos pos) {
        JsonPrinter p = new JsonPrinter(state, true);
        p.value(v, pos);
        return NixString.of(p.out.toString(), p.context.build());
    }

    private void value(Lazy l, Pos pos) {
        if (!strict && l instanceof Thunk t && !t.isEvaluated()) {
            throw new NixError("cannot convert a thunk to JSON", pos).addTrace(pos, TRACE);
        }
        Value v = l.force();
        if (v instanceof NixInt i) {
            out.append(i.value());
        } else if (v instanceof NixFloat f) {
            out.append(FloatFormat.format(f.value()));
        } else if (v instanceof NixBool b) {
            out.append(b.value() ? "true" : "false");
        } else if (v == NixNull.NULL) {
            out.append("null");
        } else if (v instanceof NixString s) {
            string(s);
        } else if (v instanceof NixPath p) {
            string(state.coerceToString(p, pos, false, true));
        } else if (v instanceof NixList list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(list.get(i), pos);
            }
            out.append(']');
        } else if (v instanceof NixAttrs attrs) {
            attrs(attrs, pos);
        } else if (v instanceof NixFunction) {
            // The error is at the lambda itself (primops have no position of their own).
            Pos at = v instanceof Lambda lambda ? lambda.expr().pos() : pos;
            throw new NixError("cannot convert " + v.describe() + " to JSON", at).addTrace(pos, TRACE);
        }
    }

    private void attrs(NixAttrs attrs, Pos pos) {
        if (attrs.has("__toString")) {
            string(state.coerceToString(attrs, pos, false, false));
            return;
        }
        Lazy outPath = attrs.get("outPath");
        if (outPath != null) {
            value(outPath, pos);
            return;
        }
        out.append('{');
        for (int i = 0; i < attrs.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            escape(attrs.name(i));
            out.append(':');
            value(attrs.value(i), attrs.position(i));
        }
        out.append('}');
    }

    private void string(NixString s) {
        if (s.hasContext()) {
            context.add(s.context());
        }
        escape(s.value());
    }

    // Text between escapes is copied whole.
    private void escape(String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null) {
                out.append(s, plain, i).append(escaped);
                plain = i + 1;
            }
        }
        out.append(s, plain, s.length()).append('"');
    }
}
