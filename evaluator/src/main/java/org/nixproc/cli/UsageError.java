package org.nixproc.cli;

import java.io.PrintStream;

/** A command line the command does not accept. */
final class UsageError extends Exception {
    UsageError(String message) {
        super(message);
    }

    /** An operand: anything but a flag ("-" alone is an operand: standard input). */
    static String operand(String arg) throws UsageError {
        if (arg.startsWith("-") && !arg.equals("-")) {
            throw new UsageError("unrecognised flag '" + arg + "'");
        }
        return arg;
    }

    /** Says what is wrong as Nix does, pointing at {@code command}'s help; the exit status. */
    int report(PrintStream err, String command) {
        return report(err, command, getMessage());
    }

    static int report(PrintStream err, String command, String message) {
        err.println("error: " + message);
        err.println("Try '" + command + " --help' for more information.");
        return 1;
    }
}
