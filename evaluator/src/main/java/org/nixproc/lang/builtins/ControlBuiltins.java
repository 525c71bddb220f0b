package org.nixproc.lang.builtins;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.AbortError;
import org.nixproc.lang.eval.AssertionFailedError;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.ThrownError;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/** Evaluation control: throw, abort, tryEval, seq, deepSeq, trace, addErrorContext. */
final class ControlBuiltins {
    private ControlBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("throw", 1, (st, a, pos) -> {
            throw new ThrownError(st.coerceToString(a[0], pos, false, false).value(), Pos.NONE);
        });
        r.primop("abort", 1, (st, a, pos) -> {
            throw new AbortError(st.coerceToString(a[0], pos, false, false).value(), Pos.NONE);
        });
        r.primop("__tryEval", 1, ControlBuiltins::tryEval);
        r.primop("__seq", 2, (st, a, pos) -> {
            a[0].force();
            return a[1].force();
        });
        r.primop("__deepSeq", 2, (st, a, pos) -> {
            st.forceDeep(a[0]);
            return a[1].force();
        });
        r.primop("__trace", 2, ControlBuiltins::trace);
        r.primop("__addErrorContext", 2, ControlBuiltins::addErrorContext);
    }

    private static Value tryEval(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs.Builder b = new NixAttrs.Builder(2);
        try {
            Value v = a[0].force();
            b.put("success", NixBool.TRUE).put("value", v);
        } catch (ThrownError | AssertionFailedError e) {
            b.put("success", NixBool.FALSE).put("value", NixBool.FALSE);
        }
        return b.build();
    }

    private static Value trace(EvalState st, Lazy[] a, Pos pos) {
        Value msg = a[0].force();
        String text = msg instanceof NixString s ? s.value() : ValuePrinter.print(msg);
        st.traceOutput().println("trace: " + text);
        return a[1].force();
    }

    private static Value addErrorContext(EvalState st, Lazy[] a, Pos pos) {
        try {
            return a[1].force();
        } catch (NixError e) {
            throw e.addTrace(Pos.NONE, st.coerceToString(a[0], pos, false, false).value());
        }
    }
}
