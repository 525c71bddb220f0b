package org.nixproc.lang.value;

/** A 64-bit signed integer; arithmetic wraps as in Nix 2.8. */
public record NixInt(long value) implements Value {
    private static final NixInt[] SMALL = new NixInt[1024 + 128];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NixInt(i - 128);
        }
    }

    public static NixInt of(long v) {
        return v >= -128 && v < 1024 ? SMALL[(int) v + 128] : new NixInt(v);
    }

    @Override
    public String typeName() {
        return "int";
    }

    @Override
    public String describe() {
        return "an integer";
    }
}
