package org.nixproc.lang.builtins;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.formats.JsonParser;
import org.nixproc.lang.formats.TomlError;
import org.nixproc.lang.formats.TomlParser;
import org.nixproc.lang.print.JsonPrinter;
import org.nixproc.lang.print.XmlPrinter;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/** Conversions between values and data formats: toJSON, fromJSON, fromTOML and toXML. */
final class JsonBuiltins {
    private JsonBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__toJSON", 1, (st, a, pos) -> JsonPrinter.toJson(st, a[0], pos));
        r.primop("__fromJSON", 1, JsonBuiltins::fromJson);
        r.primop("__fromTOML", 1, JsonBuiltins::fromToml);
        r.primop("__toXML", 1, (st, a, pos) -> XmlPrinter.toXml(st, a[0]));
    }

    /** A syntax error has no position of its own; the call site appears in the trace. */
    private static Value fromJson(EvalState st, Lazy[] a, Pos pos) {
        String text = st.forceStringNoContext(a[0], pos).value();
        try {
            return JsonParser.parse(text);
        } catch (NixError e) {
            throw e.addTrace(pos, "while decoding a JSON string");
        }
    }

    /** Nix reports every TOML problem, including unsupported dates, at the call site. */
    private static Value fromToml(EvalState st, Lazy[] a, Pos pos) {
        String text = st.forceStringNoContext(a[0], pos).value();
        try {
            return TomlParser.parse(text);
        } catch (TomlError e) {
            throw new NixError("while parsing a TOML string: " + e.getMessage(), pos);
        }
    }
}
