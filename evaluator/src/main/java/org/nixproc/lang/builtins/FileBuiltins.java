package org.nixproc.lang.builtins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.IoErrors;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * Builtins that read the file system: readFile, pathExists, readDir, hashFile and toPath. Paths
 * are used as given (not canonicalised), as Nix passes them to the system calls, so a trailing
 * slash or "/." still requires a directory.
 */
final class FileBuiltins {
    private FileBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__readFile", 1, FileBuiltins::readFile);
        r.primop("__pathExists", 1, FileBuiltins::pathExists);
        r.primop("__readDir", 1, FileBuiltins::readDir);
        r.primop("__hashFile", 2, FileBuiltins::hashFile);
        r.primop("__toPath", 1, FileBuiltins::toPath);
    }

    private static Value readFile(EvalState st, Lazy[] a, Pos pos) {
        String path = st.realisePath(a[0], pos);
        String data = Bytes.fromArray(readBytes(path));
        if (data.indexOf('\0') >= 0) {
            throw new NixError("the contents of the file '" + path + "' cannot be represented as a Nix string", Pos.NONE);
        }
        return NixString.of(data);
    }

    private static Value pathExists(EvalState st, Lazy[] a, Pos pos) {
        String path = st.realisePath(a[0], pos);
        try {
            // Like lstat: a dangling symlink exists, but "file/" does not.
            return NixBool.of(Files.exists(fsPath(path), LinkOption.NOFOLLOW_LINKS));
        } catch (InvalidPathException | SecurityException e) {
            return NixBool.FALSE;
        }
    }

    private static Value readDir(EvalState st, Lazy[] a, Pos pos) {
        String path = st.realisePath(a[0], pos);
        NixAttrs.Builder b = new NixAttrs.Builder();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fsPath(path))) {
            for (Path entry : entries) {
                b.put(Bytes.fromJava(entry.getFileName().toString()), NixString.of(fileType(entry)));
            }
        } catch (IOException | InvalidPathException e) {
            throw new NixError("opening directory '" + path + "': " + IoErrors.reason(e), Pos.NONE);
        }
        return b.build();
    }

    /** The type of a directory entry itself, not of what a symlink points to. */
    private static String fileType(Path entry) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                return "symlink";
            }
            if (attrs.isDirectory()) {
                return "directory";
            }
            return attrs.isRegularFile() ? "regular" : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Value hashFile(EvalState st, Lazy[] a, Pos pos) {
        HashAlgorithm algorithm = StringBuiltins.hashAlgorithm(st, a[0], pos);
        return NixString.of(Hash.of(algorithm, readBytes(st.realisePath(a[1], pos))).toBase16());
    }

    /** toPath: the string made canonical, keeping its context (deprecated in Nix, but present). */
    private static Value toPath(EvalState st, Lazy[] a, Pos pos) {
        NixString s = st.coerceToString(a[0], pos, false, false);
        if (s.value().isEmpty() || s.value().charAt(0) != '/') {
            throw new NixError("string '" + s.value() + "' doesn't represent an absolute path", pos);
        }
        return NixString.of(Paths.canonical(s.value()), s.context());
    }

    /** A file's bytes, failing with Nix's messages for opening and for reading separately. */
    static byte[] readBytes(String path) {
        InputStream in;
        try {
            in = Files.newInputStream(fsPath(path));
        } catch (IOException | InvalidPathException e) {
            throw new NixError("opening file '" + path + "': " + IoErrors.reason(e), Pos.NONE);
        }
        try (in) {
            return Bytes.readAll(in);
        } catch (IOException e) {
            throw new NixError("reading from file: " + IoErrors.reason(e), Pos.NONE);
        }
    }

    /**
     * The java.nio path for a Nix path string. java.nio drops a trailing slash, which the system
     * calls Nix makes would honour (only a directory may be named "x/"), so it becomes "x/.".
     */
    private static Path fsPath(String path) {
        return Bytes.path(path.length() > 1 && path.endsWith("/") ? path + "." : path);
    }
}
