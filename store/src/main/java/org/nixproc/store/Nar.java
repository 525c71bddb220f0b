package org.nixproc.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * The Nix ARchive format: a canonical serialisation of a file system tree, whose hash is what
 * {@code builtins.path}, {@code filterSource} and recursive fixed-output hashes are computed over.
 *
 * <p>It is canonical by design: only the file type, the owner-executable bit, contents, symlink
 * targets and entry names are recorded (no times, owners or other permission bits), and directory
 * entries appear sorted by the bytes of their names. Every string is a little-endian 64-bit length,
 * the bytes, and zero padding to a multiple of 8. This class reads the file system (without
 * following symlinks) and writes the archive to a stream or straight into a digest.
 */
public final class Nar {

    /** Accepts every file; the default filter. */
    public static final BiPredicate<Path, String> ALL = (path, type) -> true;

    /**
     * Charset in which the JDK decodes file names; encoding with it gives back the bytes on disk,
     * which are what the archive records and sorts by.
     */
    private static final Charset NAME_CHARSET = nameCharset();

    private Nar() {
    }

    private static Charset nameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Writes the archive of {@code path} to {@code out} (which is flushed, not closed). */
    public static void dump(Path path, OutputStream out) {
        dump(path, out, ALL);
    }

    /**
     * Writes the archive of {@code path}, leaving out every entry below it for which
     * {@code filter.test(entryPath, type)} is false; {@code type} is {@code regular},
     * {@code directory}, {@code symlink} or {@code unknown}, as {@code filterSource} passes it.
     * The root itself is not filtered, and a rejected directory is not descended into.
     */
    public static void dump(Path path, OutputStream out, BiPredicate<Path, String> filter) {
        dump(path, out, filter, (p, attrs) -> { });
    }

    /** What is done to each file archived, once its node is written (a directory's after its entries'). */
    public interface Visitor {
        void visited(Path path, BasicFileAttributes attrs) throws IOException;
    }

    /**
     * {@link #dump(Path, OutputStream, BiPredicate)}, calling {@code after} on each file archived
     * once its node is written, so that one walk of a tree may both archive and change it (say,
     * its permissions, which the archive has already recorded).
     */
    public static void dump(Path path, OutputStream out, BiPredicate<Path, String> filter, Visitor after) {
        try {
            Writer w = new Writer(out);
            w.string("nix-archive-1");
            dumpNode(path, readAttributes(path), w, filter, after);
            w.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive of {@code path} as bytes; for small trees and tests. */
    public static byte[] toBytes(Path path) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        dump(path, out);
        return out.toByteArray();
    }

    /** Hash of the archive of {@code path}, computed without materialising the archive. */
    public static Hash hash(Path path, HashAlgorithm algorithm, BiPredicate<Path, String> filter) {
        MessageDigest digest = algorithm.newDigest();
        dump(path, new DigestOutputStream(OutputStream.nullOutputStream(), digest), filter);
        return Hash.of(algorithm, digest);
    }

    /** The NAR hash (SHA-256 of the archive) of {@code path}. */
    public static Hash narHash(Path path) {
        return hash(path, HashAlgorithm.SHA256, ALL);
    }

    /** The archive of a single regular file with the given contents (e.g. a text file). */
    public static void dumpContents(byte[] contents, boolean executable, OutputStream out) {
        try {
            Writer w = new Writer(out);
            w.string("nix-archive-1");
            w.string("(");
            w.string("type");
            w.string("regular");
            if (executable) {
                w.string("executable");
                w.string("");
            }
            w.string("contents");
            w.bytes(contents);
            w.string(")");
            w.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type name {@code filterSource} gives a file, from its (not followed) attributes. */
    public static String typeName(BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
            return "regular";
        }
        if (attrs.isDirectory()) {
            return "directory";
        }
        return attrs.isSymbolicLink() ? "symlink" : "unknown";
    }

    // The attributes come from the caller, which read them once for the filter too.
    private static void dumpNode(Path path, BasicFileAttributes attrs, Writer w, BiPredicate<Path, String> filter,
            Visitor after) throws IOException {
        w.string("(");
        if (attrs.isRegularFile()) {
            w.string("type");
            w.string("regular");
            if (isExecutable(path, attrs)) {
                w.string("executable");
                w.string("");
            }
            w.string("contents");
            w.fileContents(path, attrs.size());
        } else if (attrs.isDirectory()) {
            w.string("type");
            w.string("directory");
            for (Entry entry : sortedEntries(path)) {
                BasicFileAttributes entryAttrs = readAttributes(entry.path);
                if (!filter.test(entry.path, typeName(entryAttrs))) {
                    continue;
                }
                w.string("entry");
                w.string("(");
                w.string("name");
                w.bytes(entry.name);
                w.string("node");
                dumpNode(entry.path, entryAttrs, w, filter, after);
                w.string(")");
            }
        } else if (attrs.isSymbolicLink()) {
            w.string("type");
            w.string("symlink");
            w.string("target");
            w.bytes(Files.readSymbolicLink(path).toString().getBytes(NAME_CHARSET));
        } else {
            throw new StoreException("file '" + path + "' has an unsupported type");
        }
        w.string(")");
        after.visited(path, attrs);
    }

    private static BasicFileAttributes readAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    // Nix records only the owner's execute bit.
    private static boolean isExecutable(Path path, BasicFileAttributes attrs) {
        if (attrs instanceof PosixFileAttributes posix) {
            return posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        }
        return Files.isExecutable(path);
    }

    private record Entry(byte[] name, Path path) {
    }

    private static List<Entry> sortedEntries(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path child : FileNames.list(dir)) {
            entries.add(new Entry(child.getFileName().toString().getBytes(NAME_CHARSET), child));
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
        return entries;
    }

    /** Low-level NAR string writing. */
    private static final class Writer {
        private static final byte[] PADDING = new byte[8];
        private final OutputStream out;

        Writer(OutputStream out) {
            // Buffered because the format is many tiny writes; dump() flushes at the end.
            this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 65536);
        }

        void string(String s) throws IOException {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] b) throws IOException {
            length(b.length);
            out.write(b);
            pad(b.length);
        }

        void length(long n) throws IOException {
            for (int i = 0; i < 8; i++) {
                out.write((int) (n >>> (8 * i)) & 0xff);
            }
        }

        void pad(long n) throws IOException {
            int rem = (int) (n % 8);
            if (rem != 0) {
                out.write(PADDING, 0, 8 - rem);
            }
        }

        // The length goes first, so it comes from the attributes; a file that changes size while
        // being read would make a corrupt archive, so that is an error.
        void fileContents(Path path, long size) throws IOException {
            length(size);
            long copied = 0;
            byte[] buffer = new byte[65536];
            try (InputStream in = Files.newInputStream(path)) {
                int n;
                while (copied < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length,
                        size - copied))) > 0) {
                    out.write(buffer, 0, n);
                    copied += n;
                }
            }
            if (copied != size) {
                throw new StoreException("file '" + path + "' changed size while being archived");
            }
            pad(size);
        }
    }
}
