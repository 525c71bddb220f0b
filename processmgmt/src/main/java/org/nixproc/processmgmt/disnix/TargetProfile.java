package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The services a target runs, as the coordinator last deployed them: a store path (one
 * {@code SERVICE CONTAINER TYPE PKG} line per service) linked from the target's
 * {@code profiles/disnix-default}, which keeps it and the services' packages from the garbage
 * collector.
 */
public final class TargetProfile {
    private final Path link;

    public TargetProfile(TargetState state) {
        this.link = state.store().stateDir().resolve("profiles").resolve("disnix-default");
    }

    public void set(Path storePath) throws IOException {
        if (!Files.isRegularFile(storePath)) {
            throw new IOException("'" + storePath + "' is not a target profile");
        }
        Files.createDirectories(link.getParent());
        Path tmp = link.resolveSibling(".disnix-default.tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, storePath);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The profile's lines; none if nothing was deployed here. */
    public List<String> installed() throws IOException {
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return Files.readAllLines(link, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
