package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.Value;

/** Integer and float arithmetic as Nix's __add, __sub, __mul and __div do it: ints wrap, a float operand makes a float. */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Value add(EvalState st, Value a, Value b, Pos pos) {
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(st.forceFloat(a, pos) + st.forceFloat(b, pos));
        }
        return NixInt.of(st.forceInt(a, pos) + st.forceInt(b, pos));
    }

    public static Value sub(EvalState st, Value a, Value b, Pos pos) {
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(st.forceFloat(a, pos) - st.forceFloat(b, pos));
        }
        return NixInt.of(st.forceInt(a, pos) - st.forceInt(b, pos));
    }

    public static Value mul(EvalState st, Value a, Value b, Pos pos) {
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(st.forceFloat(a, pos) * st.forceFloat(b, pos));
        }
        return NixInt.of(st.forceInt(a, pos) * st.forceInt(b, pos));
    }

    public static Value div(EvalState st, Value a, Value b, Pos pos) {
        double divisor = st.forceFloat(b, pos);
        if (divisor == 0) {
            throw new NixError("division by zero", pos);
        }
        if (a instanceof NixFloat || b instanceof NixFloat) {
            return new NixFloat(st.forceFloat(a, pos) / divisor);
        }
        long x = st.forceInt(a, pos);
        long y = st.forceInt(b, pos);
        if (x == Long.MIN_VALUE && y == -1) {
            throw new NixError("overflow in integer division", pos);
        }
        return NixInt.of(x / y);
    }
}
