package org.nixproc.lang.value;

/** A Nix value in weak head normal form. */
public sealed interface Value extends Lazy
        permits NixInt, NixFloat, NixBool, NixNull, NixString, NixPath, NixList, NixAttrs, NixFunction {
    @Override
    default Value force() {
        return this;
    }

    /** The type name of builtins.typeOf. */
    String typeName();

    /** The phrase Nix uses in type errors: "an integer", "a set", ... */
    String describe();
}
