package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixFunction;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;

/** typeOf and the type tests isInt, isString, ... */
final class TypeBuiltins {
    private TypeBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__typeOf", 1, (st, a, pos) -> NixString.of(a[0].force().typeName()));
        r.primop("isNull", 1, (st, a, pos) -> NixBool.of(a[0].force() == NixNull.NULL));
        r.primop("__isInt", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixInt));
        r.primop("__isFloat", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixFloat));
        r.primop("__isBool", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixBool));
        r.primop("__isString", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixString));
        r.primop("__isPath", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixPath));
        r.primop("__isList", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixList));
        r.primop("__isAttrs", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixAttrs));
        r.primop("__isFunction", 1, (st, a, pos) -> NixBool.of(a[0].force() instanceof NixFunction));
    }
}
