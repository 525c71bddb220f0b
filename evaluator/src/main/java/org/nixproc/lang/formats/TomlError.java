package org.nixproc.lang.formats;

/** A TOML error of {@link TomlParser}; the message is the library's complete text. */
public final class TomlError extends RuntimeException {
    TomlError(String message) {
        super(message, null, false, false);
    }
}
