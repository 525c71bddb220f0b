package org.nixproc.processmgmt.disnix;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nixproc.processmgmt.ControlCommand;
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

    /** The environment's value of {@code name}, or {@code dflt} when unset or empty. */
    String env(String name, String dflt) {
        String v = ctx.env().get(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    ControlCommand command() {
        return new ControlCommand(ctx.env(), ctx.cwd());
    }

    ScriptRunner runner() {
        return ctx.runner();
    }
}
