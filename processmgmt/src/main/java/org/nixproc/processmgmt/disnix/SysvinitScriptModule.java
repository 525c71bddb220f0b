package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.RcDir;
import org.nixproc.processmgmt.rc.StateTree;
import org.nixproc.processmgmt.rc.Switcher;

/**
 * Type {@code sysvinit-script}: the package's runlevel-3 rc directory switched on as rcswitch
 * does (so that its users and groups are made first), and off by switching from it to nothing.
 */
public final class SysvinitScriptModule implements ServiceModule {
    private static final String RC_DIR = "etc/rc.d/rc3.d";

    private final TargetState state;

    SysvinitScriptModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) {
        Path rc = rcDir(pkg);
        if (rc == null) {
            return 1;
        }
        StateTree.make(state.ctx().env(), false);
        return Switcher.forProfile(state.ctx(), RcContext.profileRoot(rc)).switchTo(RcDir.startScripts(rc), List.of());
    }

    @Override
    public int deactivate(Path pkg) throws IOException {
        Path rc = rcDir(pkg);
        if (rc == null) {
            return 1;
        }
        return Switcher.forProfile(state.ctx(), RcContext.profileRoot(rc)).switchTo(List.of(), RcDir.startScripts(rc));
    }

    private Path rcDir(Path pkg) {
        Path rc = pkg.resolve(RC_DIR);
        if (!Files.isDirectory(rc)) {
            state.err().println("error: '" + pkg + "' has no " + RC_DIR + " (a sysvinit-script service must run in runlevel 3)");
            return null;
        }
        return rc;
    }
}
