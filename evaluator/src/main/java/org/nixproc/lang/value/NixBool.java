package org.nixproc.lang.value;

/** true or false. */
public enum NixBool implements Value {
    FALSE, TRUE;

    public static NixBool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public String typeName() {
        return "bool";
    }

    @Override
    public String describe() {
        return "a Boolean";
    }
}
