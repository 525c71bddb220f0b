package org.nixproc.processmgmt.disnix;

import java.nio.file.Path;

/** Type {@code package}: installed in the target's profile, nothing to start or stop. */
public final class PackageModule implements ServiceModule {
    @Override
    public int activate(Path pkg) {
        return 0;
    }

    @Override
    public int deactivate(Path pkg) {
        return 0;
    }
}
