package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-store-path locks, held while a path is checked, built or added and registered, so that two
 * builders (threads or processes) never produce the same path at once.
 *
 * <p>Each path has a lock file {@code <stateDir>/locks/<basename>.lock}, locked with
 * {@link FileChannel#lock()} (an fcntl lock: other processes wait, and the lock vanishes when its
 * process dies, even by SIGKILL). Such locks belong to the whole JVM, so threads of one JVM are
 * kept apart by a semaphore per lock file taken first. Several paths are taken in sorted order,
 * so that two lockers of overlapping sets cannot deadlock. Lock files are never deleted: deleting
 * one while another process waits on it would let a third lock a new file of the same name.
 */
public final class PathLocks {
    private static final ConcurrentHashMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

    private final Path dir;

    /** A set of held locks; closing releases them all. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    PathLocks(Path dir) {
        this.dir = dir;
    }

    /** The lock file of a store path. */
    Path lockFile(String storePath) {
        String base = storePath.substring(storePath.lastIndexOf('/') + 1);
        return dir.resolve(base + ".lock");
    }

    /** Locks all {@code paths}, waiting as long as needed. */
    Lock lock(Collection<String> paths) {
        List<Held> held = new ArrayList<>();
        try {
            for (String p : new TreeSet<>(paths)) {
                held.add(acquire(lockFile(p), true));
            }
        } catch (RuntimeException | Error e) {
            release(held);
            throw e;
        }
        return () -> release(held);
    }

    /** Locks one path if nobody holds it, without waiting. */
    Optional<Lock> tryLock(String path) {
        Held h = acquire(lockFile(path), false);
        if (h == null) {
            return Optional.empty();
        }
        List<Held> one = new ArrayList<>(List.of(h));
        return Optional.of(() -> release(one));
    }

    private record Held(Semaphore sem, FileChannel channel, FileLock lock) {
    }

    // One lock file: the in-JVM semaphore, then the file lock. Null when not blocking and busy.
    private static Held acquire(Path file, boolean block) {
        Semaphore sem = IN_JVM.computeIfAbsent(file, k -> new Semaphore(1));
        if (block) {
            sem.acquireUninterruptibly();
        } else if (!sem.tryAcquire()) {
            return null;
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = block ? ch.lock() : ch.tryLock();
            if (l == null) {
                ch.close();
                sem.release();
                return null;
            }
            return new Held(sem, ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            sem.release();
            throw new UncheckedIOException("acquiring lock '" + file + "'", e);
        }
    }

    private static synchronized void release(List<Held> held) {
        for (Held h : held) {
            try {
                h.lock.release();
            } catch (IOException e) {
                // The channel is closed next, which releases the lock anyway.
            }
            closeQuietly(h.channel);
            h.sem.release();
        }
        held.clear();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // Nothing to do: closing only releases resources.
            }
        }
    }
}
