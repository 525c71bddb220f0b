package org.nixproc.processmgmt.disnix;

import java.io.PrintStream;
import java.nio.file.Path;
import org.nixproc.cli.Invocation;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.ScriptRunner;
import org.nixproc.store.local.StoreConfig;

/** What the activity runner works with on a target: its invocation and its state under {@code STATE/disnix}. */
record TargetState(Invocation inv, StoreConfig store) {
    static TargetState of(Invocation inv) {
        return new TargetState(inv, StoreConfig.fromEnvironment(inv.env(), inv.err()));
    }

    Path dir() {
        return store.stateDir().resolve("disnix");
    }

    PrintStream err() {
        return inv.err();
    }

    ScriptRunner runner() {
        return new ScriptRunner(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err());
    }
}
