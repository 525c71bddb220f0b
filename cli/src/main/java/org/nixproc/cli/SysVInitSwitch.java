package org.nixproc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.RcDir;
import org.nixproc.processmgmt.rc.RcScript;
import org.nixproc.processmgmt.rc.Switcher;

/**
 * {@code nixproc-sysvinit-switch} (and {@code nixproc-sysvinit-deploy PROFILE}): builds the sysvinit
 * profile of a processes expression and moves the processes of runlevel 3 to it as rcswitch does
 * (only what changed is stopped and started, credentials created and deleted as root).
 */
public class SysVInitSwitch extends ProcessManagerSwitch {
    public SysVInitSwitch() {
        this(false);
    }

    SysVInitSwitch(boolean deployOnly) {
        super("sysvinit", deployOnly);
    }

    /** {@code nixproc-sysvinit-deploy PROFILE}. */
    public static final class Deploy extends SysVInitSwitch {
        public Deploy() {
            super(true);
        }
    }

    @Override
    protected int activate(Invocation inv, Options o, Path next, Path old, Accounts accounts) {
        RcContext ctx = new RcContext(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err());
        return Switcher.forProfile(ctx, next).switchTo(scripts(next), scripts(old));
    }

    private static List<RcScript> scripts(Path profile) {
        Path rc3 = profile == null ? null : profile.resolve("etc/rc.d/rc3.d");
        return rc3 == null || !Files.isDirectory(rc3) ? List.of() : RcDir.startScripts(rc3);
    }
}
