package org.nixproc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.RcDir;
import org.nixproc.processmgmt.rc.RcScript;
import org.nixproc.processmgmt.rc.ScriptRunner;

/**
 * {@code rcactivity ACTIVITY RCDIR} (or {@code rcactivity ACTIVITY --profile NAME}): runs
 * {@code SCRIPT ACTIVITY} on every process of an rc directory, in start order, and in reverse
 * order for {@code stop} (dependants stop before what they depend on). Exits non-zero if any
 * script did, after running them all.
 */
final class RcActivity {
    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        RcContext ctx = new RcContext(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err());
        Path rcDir;
        if (args.length == 3 && (args[1].equals("--profile") || args[1].equals("-p"))) {
            rcDir = RcContext.currentRcDir(ctx.generations(args[2]));
            if (rcDir == null) {
                err.println("error: profile '" + args[2] + "' has no current generation");
                return 1;
            }
        } else if (args.length == 2 && !args[0].startsWith("-")) {
            rcDir = ctx.path(args[1]);
        } else {
            err.println("usage: rcactivity ACTIVITY RCDIR | rcactivity ACTIVITY --profile NAME");
            return 2;
        }
        String activity = args[0];
        List<RcScript> scripts;
        try {
            scripts = new ArrayList<>(RcDir.startScripts(rcDir));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (activity.equals("stop")) {
            Collections.reverse(scripts);
        }
        ScriptRunner runner = ctx.runner();
        int status = 0;
        for (RcScript s : scripts) {
            int rc = runner.run(s.script(), activity);
            if (rc != 0) {
                if (!activity.equals("status")) {
                    err.println("error: '" + activity + "' of process '" + s.processName() + "' failed (exit code " + rc + ")");
                }
                status = 1;
            }
        }
        return status;
    }
}
