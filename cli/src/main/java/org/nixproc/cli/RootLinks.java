package org.nixproc.cli;

import java.io.PrintStream;

/**
 * The garbage-collector roots that nix-build, nix-instantiate and nix-store --realise make for what
 * they print, named as Nix names them, and the warning of the latter two when they make none.
 */
final class RootLinks {
    private RootLinks() {
    }

    /** A command's n-th root (counting from 1): LINK, then LINK-2, LINK-3, ... */
    static String numbered(String link, int n) {
        return n == 1 ? link : link + "-" + n;
    }

    /** The root of a derivation's output: -OUTPUT appended for any output but out. */
    static String forOutput(String link, String output) {
        return output.equals("out") ? link : link + "-" + output;
    }

    /** Says that what was printed may be collected; Nix says it once a command. */
    static void warnNoRoot(PrintStream err) {
        err.println("warning: you did not specify '--add-root'; the result might be removed by the garbage collector");
    }
}
