package org.nixproc.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiPredicate;
import org.nixproc.lang.eval.IoErrors;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * The file system side of adding sources to the store: hashing a path as a NAR or as a flat
 * file, and resolving symlinks in a path, failing with the messages Nix 2.8 gives
 * ({@code getting status of '/x': No such file or directory}, ...). Paths are Java strings.
 */
final class SourceFiles {
    /** Nix's bound on symlinks followed while resolving one path. */
    private static final int MAX_FOLLOW = 1024;

    private SourceFiles() {
    }

    /**
     * SHA-256 of the NAR of {@code path}; {@code filter} (may be null) gets each entry below it
     * with its type and says whether to keep it.
     */
    static Hash narHash(String path, BiPredicate<String, String> filter) {
        Path p = Path.of(path);
        lstat(path);
        BiPredicate<Path, String> f = filter == null ? Nar.ALL : (entry, type) -> filter.test(entry.toString(), type);
        try {
            return Nar.hash(p, HashAlgorithm.SHA256, f);
        } catch (UncheckedIOException e) {
            throw new StoreException(ioMessage(e.getCause()), e);
        }
    }

    /** SHA-256 of the contents of the file at {@code path} (symlinks followed), as Nix hashes flat files. */
    static Hash flatHash(String path) {
        InputStream in;
        try {
            in = Files.newInputStream(Path.of(path));
        } catch (IOException e) {
            throw new StoreException("opening file '" + path + "': " + IoErrors.reason(e), e);
        }
        try (in) {
            return Hash.of(HashAlgorithm.SHA256, in);
        } catch (UncheckedIOException e) {
            throw new StoreException("reading from file: " + IoErrors.reason(e.getCause()), e);
        } catch (IOException e) {
            throw new StoreException("reading from file: " + IoErrors.reason(e), e);
        }
    }

    /**
     * The attributes of {@code path} itself (a symlink is not followed); fails as Nix's lstat
     * does when it is missing.
     */
    static BasicFileAttributes lstat(String path) {
        try {
            return Files.readAttributes(Path.of(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new StoreException("getting status of '" + path + "': " + IoErrors.reason(e), e);
        }
    }

    /**
     * An absolute path without ".", ".." or repeated slashes and with every symlink in it
     * resolved, as Nix's canonPath(path, true) makes it: each component must exist.
     */
    static String resolveSymlinks(String path) {
        Deque<String> todo = new ArrayDeque<>();
        pushComponents(todo, path);
        StringBuilder s = new StringBuilder();
        int followed = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.equals("..")) {
                s.setLength(Math.max(s.lastIndexOf("/"), 0));
                continue;
            }
            s.append('/').append(c);
            String current = s.toString();
            if (!lstat(current).isSymbolicLink()) {
                continue;
            }
            if (++followed >= MAX_FOLLOW) {
                throw new StoreException("infinite symlink recursion in path '" + path + "'");
            }
            String target;
            try {
                target = Files.readSymbolicLink(Path.of(current)).toString();
            } catch (IOException e) {
                throw new StoreException("reading symbolic link '" + current + "': " + IoErrors.reason(e), e);
            }
            s.setLength(target.startsWith("/") ? 0 : s.lastIndexOf("/"));
            pushComponents(todo, target);
        }
        return s.length() == 0 ? "/" : s.toString();
    }

    // The components of p go in front of what is left to do, in order; "." and "" are dropped.
    private static void pushComponents(Deque<String> todo, String p) {
        String[] parts = p.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                todo.push(parts[i]);
            }
        }
    }

    private static String ioMessage(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            return "getting status of '" + fse.getFile() + "': " + IoErrors.reason(e);
        }
        return IoErrors.reason(e);
    }
}
