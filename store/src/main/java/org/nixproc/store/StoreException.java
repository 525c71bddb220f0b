package org.nixproc.store;

import org.nixproc.lang.hash.FormatException;

/**
 * An error of the store: an invalid store path name, a corrupt derivation, an unreadable file while
 * archiving, a path that is not valid. Worded as Nix 2.8 words it (where Nix has a message);
 * callers that show store errors catch {@link FormatException}, which hash errors are too.
 */
public class StoreException extends FormatException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
