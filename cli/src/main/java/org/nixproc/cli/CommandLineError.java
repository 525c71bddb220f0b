package org.nixproc.cli;

import java.io.PrintStream;

/** A command line the command does not accept. */
final class CommandLineError extends Exception {
    CommandLineError(String message) {
        super(message);
    }

    /** An operand: anything but a flag ("-" alone is an operand: standard input). */
    static String operand(String arg) throws CommandLineError {
        if (arg.startsWith("-") && !arg.equals("-")) {
            throw new CommandLineError("unrecognised flag '" + arg + "'");
        }
        return arg;
    }

    /** The k-th argument of the flag at argv[i]; missing, said as Nix's flags (such as -I, -j) say it. */
    static String flagArgument(String[] argv, int i, int k) throws CommandLineError {
        if (i + k >= argv.length) {
            throw new CommandLineError("flag '" + argv[i] + "' requires " + k + " argument(s)");
        }
        return argv[i + k];
    }

    /** The argument of the flag at argv[i]; missing, said as Nix's older flags (such as -A, -o) say it. */
    static String argument(String[] argv, int i) throws CommandLineError {
        if (i + 1 >= argv.length) {
            throw new CommandLineError("'" + argv[i] + "' requires an argument");
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
