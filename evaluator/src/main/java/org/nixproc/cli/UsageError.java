package org.nixproc.cli;

/** A command line the command does not accept. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }
}
