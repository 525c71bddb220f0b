package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nixproc.processmgmt.rc.RcSwitchCommand;

/**
 * Type {@code sysvinit-script}: the package's runlevel-3 rc directory switched on with rcswitch
 * (so that its users and groups are made first), and off by switching from it to nothing.
 */
final class SysvinitScriptModule implements ServiceModule {
    private static final String RC_DIR = "etc/rc.d/rc3.d";

    private final TargetState state;

    SysvinitScriptModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) {
        Path rc = rcDir(pkg);
        return rc == null ? 1 : new RcSwitchCommand().run(new String[] { rc.toString() }, state.inv());
    }

    @Override
    public int deactivate(Path pkg) throws IOException {
        Path rc = rcDir(pkg);
        if (rc == null) {
            return 1;
        }
        Path empty = Files.createTempDirectory("disnix-nothing");
        try {
            return new RcSwitchCommand().run(new String[] { empty.toString(), rc.toString() }, state.inv());
        } finally {
            Files.delete(empty);
        }
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
