package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A target's deployment lock: a file naming the coordinator run that holds it, made only if it
 * is absent, so that a second deployment to the same target is refused, saying by whom, until
 * the first one unlocks it. It outlives the runner's process, since a deployment is many of them.
 */
public final class TargetLock {
    private final Path file;

    public TargetLock(TargetState state) {
        this.file = state.dir().resolve("lock");
    }

    /** Takes the lock for {@code owner}; false (and who holds it) if another owner does. */
    public String lock(String owner) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, owner + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return null;
        } catch (FileAlreadyExistsException e) {
            String holder = holder();
            return holder == null ? lock(owner) : holder.equals(owner) ? null : holder;
        }
    }

    /** Releases the lock if {@code owner} holds it; false if someone else does. */
    public boolean unlock(String owner) throws IOException {
        String holder = holder();
        if (holder == null) {
            return true;
        }
        if (!holder.equals(owner)) {
            return false;
        }
        Files.deleteIfExists(file);
        return true;
    }

    private String holder() throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
