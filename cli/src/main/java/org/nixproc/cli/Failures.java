package org.nixproc.cli;

import java.io.PrintStream;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.store.build.BuildError;

/**
 * How the Nix commands end on an error, in one place: what was printed so far is flushed, the
 * error is printed as Nix prints it, and the exit status is Nix's (1; a failed build's own).
 */
final class Failures {
    private Failures() {
    }

    /** Reports an evaluation, store, build or I/O failure; gives the exit status. */
    static int report(Exception e, PrintStream out, PrintStream err, boolean showTrace) {
        out.flush();
        if (e instanceof NixError n) {
            err.println(ErrorPrinter.format(n, showTrace));
            return 1;
        }
        err.println("error: " + e.getMessage());
        return e instanceof BuildError b ? b.status() : 1;
    }
}
