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

    /** The k-th argument of the flag at argv[i]; missing, said as Nix's flags (such as -I, -j) say it. */
    static String flagArgument(String[] argv, int i, int k) throws UsageError {
        if (i + k >= argv.length) {
            throw new UsageError("flag '" + argv[i] + "' requires " + k + " argument(s)");
        }
        return argv[i + k];
    }

    /** The argument of the flag at argv[i]; missing, said as Nix's older flags (such as -A, -o) say it. */
    static String argument(String[] argv, int i) throws UsageError {
        if (i + 1 >= argv.length) {
            throw new UsageError("'" + argv[i] + "' requires an argument");
        }
        return argv[i + 1];
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
