package org.nixproc.store;

/**
 * An error in one of the store's data formats: a malformed hash, an invalid store path name, a
 * corrupt derivation, an unreadable file while archiving.
 *
 * <p>It is unchecked because these errors surface in the evaluator as ordinary Nix errors, and the
 * message is worded as Nix 2.8 words it (where Nix has a message) so that the evaluator can show it
 * unchanged and match real Nix's output.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
