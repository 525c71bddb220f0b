package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.Platform;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;

/** The constants (true, null, currentSystem, ...), toString, getEnv, functionArgs and attribute positions. */
final class ConstantBuiltins {
    private ConstantBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.constant("true", NixBool.TRUE);
        r.constant("false", NixBool.FALSE);
        r.constant("null", NixNull.NULL);
        r.constant("__currentSystem", NixString.of(Platform.system()));
        r.constant("__currentTime", NixInt.of(System.currentTimeMillis() / 1000));
        r.constant("__langVersion", NixInt.of(6));
        r.constant("__nixVersion", NixString.of("2.8.0"));
        r.lazyConstant("__storeDir", st -> NixString.of(st.store().storeDir()));
        r.primop("toString", 1, (st, a, pos) -> st.coerceToString(a[0], pos, true, false));
        r.primop("__getEnv", 1, (st, a, pos) -> {
            String v = st.options().environment().get(Bytes.toJava(st.forceStringNoContext(a[0], pos).value()));
            return NixString.of(v == null ? "" : Bytes.fromJava(v));
        });
        r.primop("__functionArgs", 1, (st, a, pos) -> {
            if (!(a[0].force() instanceof org.nixproc.lang.value.NixFunction)) {
                throw new org.nixproc.lang.eval.NixError("'functionArgs' requires a function", pos);
            }
            NixAttrs.Builder b = new NixAttrs.Builder();
            if (a[0].force() instanceof Lambda l && l.expr().hasFormals()) {
                for (org.nixproc.lang.ast.Formal f : l.expr().formals()) {
                    b.put(f.name(), NixBool.of(f.defaultValue() != null), f.pos());
                }
            }
            return b.build();
        });
        r.primop("__unsafeGetAttrPos", 2, (st, a, pos) -> {
            String name = st.forceStringNoContext(a[0], pos).value();
            NixAttrs attrs = st.forceAttrs(a[1], pos);
            int i = attrs.indexOf(name);
            return i < 0 ? NixNull.NULL : st.positionAttrs(attrs.position(i));
        });
    }
}
