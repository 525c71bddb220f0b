package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Temporary GC roots: store paths a running process is using (just added, or inputs of a build)
 * that a concurrent garbage collection must keep although no permanent root reaches them yet.
 *
 * <p>Each open store appends its paths to {@code <stateDir>/temproots/<pid>-<n>}, a file it
 * keeps locked while open (and removes on close); a collector treats the paths in locked files as roots and deletes the
 * files whose lock is free (their process is gone). {@code <stateDir>/gc.lock} closes the race
 * between the collector reading the roots and a process adding one: adding holds it shared,
 * collecting holds it exclusive from finding the roots to the last deletion. File locks belong
 * to the whole JVM, so a read-write lock per state directory orders this JVM's threads first.
 */
final class TempRoots {
    private static final Map<Path, ReentrantReadWriteLock> IN_JVM = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong INSTANCES = new java.util.concurrent.atomic.AtomicLong();

    private final Path dir;
    private final Path gcLock;
    private final Path ownPath;
    private FileChannel own;
    /** The paths already in this store's file, which need not be written again. */
    private final Set<String> recorded = new java.util.HashSet<>();

    TempRoots(Path stateDir) {
        this.dir = stateDir.resolve("temproots");
        this.gcLock = stateDir.resolve("gc.lock");
        this.ownPath = dir.resolve(ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet());
    }

    /**
     * Records {@code paths} as in use until this store is closed, in one write. The file is not
     * synced: a collector reads it through the page cache, and after a crash its roots are moot.
     */
    void add(Collection<String> paths) {
        StringBuilder lines = new StringBuilder();
        synchronized (this) {
            for (String p : paths) {
                if (!recorded.contains(p)) {
                    lines.append(p).append('\n');
                }
            }
        }
        if (lines.length() == 0) {
            return;
        }
        ReentrantReadWriteLock rw = IN_JVM.computeIfAbsent(gcLock, k -> new ReentrantReadWriteLock());
        rw.readLock().lock();
        try {
            SharedFileLock.acquire(gcLock);
            try {
                FileChannel ch = ownFile();
                synchronized (this) {
                    ch.write(java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                    recorded.addAll(paths);
                }
            } finally {
                SharedFileLock.release(gcLock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("adding temporary roots " + paths, e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * The shared lock on gc.lock for this JVM's adders: a JVM may hold only one lock on a file,
     * so the first adder takes it and the last one releases it.
     */
    private static final class SharedFileLock {
        private static final Map<Path, SharedFileLock> HELD = new java.util.HashMap<>();
        private int users;
        private FileChannel channel;
        private FileLock lock;

        static synchronized void acquire(Path file) throws IOException {
            SharedFileLock s = HELD.computeIfAbsent(file, k -> new SharedFileLock());
            if (s.users == 0) {
                s.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                s.lock = s.channel.lock(0, Long.MAX_VALUE, true);
            }
            s.users++;
        }

        static synchronized void release(Path file) throws IOException {
            SharedFileLock s = HELD.get(file);
            if (--s.users == 0) {
                s.lock.release();
                s.channel.close();
                s.lock = null;
                s.channel = null;
            }
        }
    }

    // This store's file, created and locked on first use, held until closed.
    private synchronized FileChannel ownFile() throws IOException {
        if (own == null) {
            Files.createDirectories(dir);
            own = FileChannel.open(ownPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            own.lock();
        }
        return own;
    }

    /** Drops this store's temporary roots. */
    synchronized void close() {
        if (own != null) {
            try {
                Files.deleteIfExists(ownPath);
                own.close();
            } catch (IOException e) {
                // A leftover file is removed by the next collection once its lock is free.
            }
            own = null;
            recorded.clear();
        }
    }

    /** A held exclusive GC lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the exclusive GC lock, waiting for processes adding roots. */
    Held lockForCollection() {
        ReentrantReadWriteLock rw = IN_JVM.computeIfAbsent(gcLock, k -> new ReentrantReadWriteLock());
        rw.writeLock().lock();
        try {
            Files.createDirectories(gcLock.getParent());
            FileChannel gc = FileChannel.open(gcLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = gc.lock();
            return () -> {
                try {
                    l.release();
                    gc.close();
                } catch (IOException e) {
                    // Closing the channel released the lock anyway.
                } finally {
                    rw.writeLock().unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            rw.writeLock().unlock();
            throw new UncheckedIOException("locking '" + gcLock + "'", e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The temporary roots of live processes; files of dead processes are removed. */
    Set<String> find() {
        Set<String> roots = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return roots;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!f.equals(ownPath) && !isAlive(f)) {
                    Files.deleteIfExists(f);
                    continue;
                }
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        roots.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading temporary roots", e);
        }
        return roots;
    }

    // A file is alive while its process holds its lock.
    private static boolean isAlive(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
