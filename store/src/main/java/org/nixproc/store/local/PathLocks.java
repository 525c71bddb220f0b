package org.nixproc.store.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * Per-store-path locks, held while a path is checked, built or added and registered, so that two
 * builders (threads or processes) never produce the same path at once.
 *
 * <p>All paths share one lock file, {@code <stateDir>/locks/paths.lock}, in which each path owns
 * one byte, at an offset drawn from the hash of its name (2^62 offsets: two paths sharing one would
 * only wait for each other). A byte is locked with {@link FileChannel#lock(long, long, boolean)}
 * (an fcntl lock: other processes wait, and the lock vanishes when its process dies, even by
 * SIGKILL). So a lock costs no file creation, which on a slow disk cost more than the build of a
 * small path. Such locks belong to the whole JVM, so threads of one JVM are kept apart by a
 * semaphore per byte taken first. Several paths are taken in the order of their offsets, so that
 * two lockers of overlapping sets cannot deadlock. This JVM keeps the file open while it holds a
 * lock in it: closing any descriptor of a file drops all of the process's locks on it. For the
 * same reason no interruptible thread touches the channel: an interrupt during a call on it would
 * close it (it is an interruptible channel). One thread that nobody interrupts makes every lock and
 * unlock call; a caller waiting for another process's lock asks again and again, and gives up if
 * it is interrupted.
 */
public final class PathLocks {
    private static final ConcurrentHashMap<Slot, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private static final Map<Path, Shared> OPEN = new HashMap<>();
    private static final ExecutorService LOCKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nixproc-path-locks");
        t.setDaemon(true);
        return t;
    });

    private final Path file;

    /** A set of held locks; closing releases them all. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    PathLocks(Path dir) {
        this.file = dir.resolve("paths.lock");
    }

    /** Locks all {@code paths}, waiting as long as needed. */
    Lock lock(Collection<String> paths) {
        TreeSet<Long> offsets = new TreeSet<>();
        for (String p : paths) {
            offsets.add(offset(p));
        }
        HeldSet set = new HeldSet(Shared.open(file));
        try {
            for (long o : offsets) {
                set.held.add(acquire(set.shared, o, true));
            }
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
        return set;
    }

    /** Locks one path if nobody holds it, without waiting. */
    Optional<Lock> tryLock(String path) {
        HeldSet set = new HeldSet(Shared.open(file));
        Held h = acquire(set.shared, offset(path), false);
        if (h == null) {
            set.close();
            return Optional.empty();
        }
        set.held.add(h);
        return Optional.of(set);
    }

    /** A path's byte: from the hash of its name, so that every process finds the same one. */
    static long offset(String storePath) {
        String base = storePath.substring(storePath.lastIndexOf('/') + 1);
        byte[] h = HashAlgorithm.SHA256.newDigest().digest(base.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(h).getLong() >>> 2;
    }

    /** A byte of a lock file, as the in-JVM semaphores know it. */
    private record Slot(Path file, long offset) {
    }

    private record Held(Semaphore sem, FileLock lock) {
    }

    // One byte: the in-JVM semaphore, then the file lock. Null when not blocking and busy.
    private static Held acquire(Shared shared, long offset, boolean block) {
        Semaphore sem = IN_JVM.computeIfAbsent(new Slot(shared.file, offset), k -> new Semaphore(1));
        if (block) {
            sem.acquireUninterruptibly();
        } else if (!sem.tryAcquire()) {
            return null;
        }
        try {
            FileLock l = onLocker(() -> shared.channel.tryLock(offset, 1, false));
            for (long pause = 1; l == null && block; pause = Math.min(2 * pause, 100)) {
                waitOrGiveUp(pause);
                l = onLocker(() -> shared.channel.tryLock(offset, 1, false));
            }
            if (l == null) {
                sem.release();
                return null;
            }
            return new Held(sem, l);
        } catch (IOException e) {
            sem.release();
            throw new UncheckedIOException("acquiring lock '" + shared.file + "' at " + offset, e);
        }
    }

    private static void waitOrGiveUp(long millis) throws InterruptedIOException {
        try {
            if (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(millis);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new InterruptedIOException("interrupted while waiting for another process's lock");
    }

    /** Runs a call on the lock file's channel on the locker thread, waiting for it whatever happens. */
    private static <T> T onLocker(Callable<T> call) throws IOException {
        Future<T> f = LOCKER.submit(call);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The locks one call took, and the use of the file they hold. */
    private static final class HeldSet implements Lock {
        private final Shared shared;
        private final List<Held> held = new ArrayList<>();
        private boolean closed;

        HeldSet(Shared shared) {
            this.shared = shared;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Held h : held) {
                try {
                    onLocker(() -> {
                        h.lock.release();
                        return null;
                    });
                } catch (IOException e) {
                    // Closing the file's channel releases the lock anyway.
                }
                h.sem.release();
            }
            Shared.close(shared);
        }
    }

    /** The lock file's channel, open while some lock set of this JVM uses it. */
    private static final class Shared {
        private final Path file;
        private final FileChannel channel;
        private int users;

        private Shared(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        static Shared open(Path file) {
            synchronized (OPEN) {
                Shared s = OPEN.get(file);
                if (s == null) {
                    try {
                        s = new Shared(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
                    } catch (IOException e) {
                        throw new UncheckedIOException("opening lock file '" + file + "'", e);
                    }
                    OPEN.put(file, s);
                }
                s.users++;
                return s;
            }
        }

        static void close(Shared s) {
            synchronized (OPEN) {
                if (--s.users == 0) {
                    OPEN.remove(s.file);
                    try {
                        s.channel.close();
                    } catch (IOException e) {
                        // Nothing to do: closing only releases resources.
                    }
                }
            }
        }
    }
}
