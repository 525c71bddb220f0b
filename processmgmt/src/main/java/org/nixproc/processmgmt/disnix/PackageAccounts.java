package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nixproc.processmgmt.rc.Credentials;
import org.nixproc.processmgmt.rc.RcScript;

/** The users and groups of a service's package ({@code dysnomia-support/}), made on activation and deleted on deactivation. */
final class PackageAccounts {
    private final TargetState state;

    PackageAccounts(TargetState state) {
        this.state = state;
    }

    void create(Path pkg) {
        credentials(pkg).create(List.of(asScript(pkg)));
    }

    /**
     * Deletes those of {@code pkg} that no other service of the target's profile declares (during
     * a deployment, the profile is still the previous one: a user shared with a service also
     * leaving in this deployment is kept rather than deleted under a running one).
     */
    void delete(Path pkg) throws IOException {
        List<RcScript> kept = new TargetProfile(state).installed().stream().map(l -> l.split("\t"))
                .filter(f -> f.length == 4 && !Path.of(f[3]).equals(pkg)).map(f -> asScript(Path.of(f[3]))).toList();
        credentials(pkg).delete(List.of(asScript(pkg)), kept);
    }

    private Credentials credentials(Path pkg) {
        return new Credentials(Credentials.allowed(pkg), Credentials.system(state.err()), state.err());
    }

    private static RcScript asScript(Path pkg) {
        return new RcScript("S00" + pkg.getFileName(), pkg, pkg, pkg);
    }
}
