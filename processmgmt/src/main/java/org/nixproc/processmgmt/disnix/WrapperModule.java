package org.nixproc.processmgmt.disnix;

import java.nio.file.Files;
import java.nio.file.Path;

/** Type {@code wrapper}: the package's own {@code bin/wrapper activate} and {@code bin/wrapper deactivate}. */
public final class WrapperModule implements ServiceModule {
    private final TargetState state;

    WrapperModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) {
        return run(pkg, "activate");
    }

    @Override
    public int deactivate(Path pkg) {
        return run(pkg, "deactivate");
    }

    private int run(Path pkg, String activity) {
        Path wrapper = pkg.resolve("bin/wrapper");
        if (!Files.isExecutable(wrapper)) {
            state.err().println("error: '" + pkg + "' has no executable bin/wrapper");
            return 1;
        }
        return state.runner().run(wrapper, activity);
    }
}
