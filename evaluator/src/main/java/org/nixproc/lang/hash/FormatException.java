package org.nixproc.lang.hash;

/**
 * An error in one of the data formats Nix shares between the language and the store: a malformed
 * hash, an unknown hash algorithm, an invalid store path name, a corrupt derivation.
 *
 * <p>It is unchecked because these errors surface in the evaluator as ordinary Nix errors, and the
 * message is worded as Nix 2.8 words it so that it can be shown unchanged. The store's own
 * errors ({@code org.nixproc.store.StoreException}) are of this kind too.
 */
public class FormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
