package org.nixproc.store.local;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nix-store --verify}: every registered path must exist, and with contents checking its
 * NAR hash must be the one registered. As Nix does, a missing path nothing valid refers to is
 * dropped from the database (a repair); a missing path with referrers, or a modified one, is an
 * error that remains, unless asked to repair it: then it is listed for rebuilding
 * ({@link org.nixproc.store.build.Realiser#repair}). Messages are worded as Nix 2.8's.
 */
public final class StoreVerifier {
    private final LocalStore store;

    /** The messages, whether any problem was left unrepaired, and the paths to repair. */
    public record Result(List<String> problems, boolean errors, List<String> toRepair) {
    }

    StoreVerifier(LocalStore store) {
        this.store = store;
    }

    Result verify(boolean checkContents, boolean repair) {
        List<String> problems = new ArrayList<>();
        List<String> toRepair = new ArrayList<>();
        boolean errors = false;
        for (String p : store.validPaths()) {
            if (!Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) {
                boolean referred = store.queryReferrers(p).stream().anyMatch(r -> !r.equals(p));
                if (referred) {
                    problems.add("path '" + p + "' disappeared, but it still has valid referrers!");
                    if (repair) {
                        toRepair.add(p);
                    } else {
                        errors = true;
                    }
                } else {
                    problems.add("path '" + p + "' disappeared, removing from database...");
                    store.db().transaction(() -> {
                        store.db().remove(List.of(p));
                        return null;
                    });
                }
                continue;
            }
            if (checkContents) {
                Optional<ValidPathInfo> info = store.queryPathInfo(p);
                if (info.isEmpty()) {
                    continue;
                }
                ValidPathInfo now = store.pathInfoOf(p, info.get().references(), info.get().deriver());
                if (!now.narHash().equals(info.get().narHash())) {
                    problems.add("path '" + p + "' was modified! expected hash '" + info.get().narHash()
                            + "', got '" + now.narHash() + "'");
                    if (repair) {
                        toRepair.add(p);
                    } else {
                        errors = true;
                    }
                }
            }
        }
        return new Result(problems, errors, toRepair);
    }
}
