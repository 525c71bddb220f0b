package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.Arithmetic;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Comparison;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.Value;

/** add, sub, mul, div, lessThan, the bitwise operations, ceil and floor. */
final class ArithmeticBuiltins {
    private ArithmeticBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__add", 2, (st, a, pos) -> Arithmetic.add(st, a[0].force(), a[1].force(), pos));
        r.primop("__sub", 2, (st, a, pos) -> Arithmetic.sub(st, a[0].force(), a[1].force(), pos));
        r.primop("__mul", 2, (st, a, pos) -> Arithmetic.mul(st, a[0].force(), a[1].force(), pos));
        r.primop("__div", 2, (st, a, pos) -> Arithmetic.div(st, a[0].force(), a[1].force(), pos));
        r.primop("__lessThan", 2,
                (st, a, pos) -> NixBool.of(Comparison.lessThan(st, a[0].force(), a[1].force(), pos)));
        r.primop("__bitAnd", 2, (st, a, pos) -> NixInt.of(st.forceInt(a[0], pos) & st.forceInt(a[1], pos)));
        r.primop("__bitOr", 2, (st, a, pos) -> NixInt.of(st.forceInt(a[0], pos) | st.forceInt(a[1], pos)));
        r.primop("__bitXor", 2, (st, a, pos) -> NixInt.of(st.forceInt(a[0], pos) ^ st.forceInt(a[1], pos)));
        r.primop("__ceil", 1, (st, a, pos) -> toInt(Math.ceil(st.forceFloat(a[0], pos))));
        r.primop("__floor", 1, (st, a, pos) -> toInt(Math.floor(st.forceFloat(a[0], pos))));
    }

    private static Value toInt(double d) {
        return NixInt.of((long) d);
    }
}
