package org.nixproc.processmgmt.disnix;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.ScriptRunner;
import org.nixproc.store.local.StoreConfig;

/** What the activity runner works with on a target: its caller's context and its state under {@code STATE/disnix}. */
public record TargetState(RcContext ctx, StoreConfig store) {
    public static TargetState of(RcContext ctx) {
        return new TargetState(ctx, StoreConfig.fromEnvironment(ctx.env(), ctx.err()));
    }

    Path dir() {
        return store.stateDir().resolve("disnix");
    }

    PrintStream err() {
        return ctx.err();
    }

    ScriptRunner runner() {
        return ctx.runner();
    }
}
