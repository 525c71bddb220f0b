package org.nixproc.lang.value;

/** An absolute, canonical path (one char per byte of its UTF-8 form). */
public record NixPath(String path) implements Value {
    @Override
    public String typeName() {
        return "path";
    }

    @Override
    public String describe() {
        return "a path";
    }
}
