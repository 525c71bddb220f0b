package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The lock of a profile, held for a whole switch, rollback or deletion of generations, as Nix
 * locks a profile while it changes it: a second rcswitch on the same profile waits (saying so)
 * until the first is done, and then switches from what the first left, so that generation numbers
 * are allocated one at a time and the running processes are those of the current generation.
 *
 * <p>The lock is an fcntl lock on {@code profiles/NAME.lock} (it vanishes with its process, even
 * one killed with -9); threads of one JVM, for which such a lock is the JVM's, are kept apart by a
 * semaphore per lock file taken first.
 */
public final class ProfileLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

    private final Semaphore sem;
    private final FileChannel channel;

    private ProfileLock(Semaphore sem, FileChannel channel) {
        this.sem = sem;
        this.channel = channel;
    }

    /** Locks profile {@code name} in {@code profilesDir}, waiting for whoever holds it. */
    static ProfileLock acquire(Path profilesDir, String name, PrintStream err) {
        Path file = profilesDir.resolve(name + ".lock").toAbsolutePath().normalize();
        Semaphore sem = IN_JVM.computeIfAbsent(file, k -> new Semaphore(1));
        boolean said = false;
        if (!sem.tryAcquire()) {
            said = waiting(err, profilesDir.resolve(name));
            sem.acquireUninterruptibly();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(profilesDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                if (!said) {
                    waiting(err, profilesDir.resolve(name));
                }
                channel.lock();
            }
            return new ProfileLock(sem, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            sem.release();
            throw new UncheckedIOException("locking profile '" + profilesDir.resolve(name) + "'", e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            sem.release();
            throw e;
        }
    }

    private static boolean waiting(PrintStream err, Path profile) {
        err.println("waiting for lock on profile '" + profile + "'...");
        err.flush();
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing drops the lock, which is all that is wanted here.
            }
        }
    }

    /** Releases the lock (closing the file drops it). */
    @Override
    public void close() {
        closeQuietly(channel);
        sem.release();
    }
}
