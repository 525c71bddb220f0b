package org.nixproc.lang.value;

/** A list; its elements stay lazy. The array is never changed after construction. */
public final class NixList implements Value {
    private final Lazy[] elements;

    public NixList(Lazy[] elements) {
        this.elements = elements;
    }

    public int size() {
        return elements.length;
    }

    public Lazy get(int i) {
        return elements[i];
    }

    /** The backing array; callers must not modify it. */
    public Lazy[] elements() {
        return elements;
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String describe() {
        return "a list";
    }
}
