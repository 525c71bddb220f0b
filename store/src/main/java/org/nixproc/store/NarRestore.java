package org.nixproc.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Unpacks a NAR (see {@link Nar}) read from a stream into a new file-system tree, reading exactly
 * the archive's bytes so that what follows it in the stream (as in {@code nix-store --export}'s
 * format) stays unread. Entries must come sorted and be plain names, as Nix requires: an archive
 * that would write outside its root or twice to one name is refused.
 */
public final class NarRestore {
    private static final Charset NAME_CHARSET = nameCharset();
    private static final int MAX_STRING = 1 << 20;

    private final InputStream in;

    private NarRestore(InputStream in) {
        this.in = in;
    }

    /** Reads one archive from {@code in} and creates it at {@code dest}, which must not exist. */
    public static void restore(InputStream in, Path dest) throws IOException {
        NarRestore r = new NarRestore(in);
        r.expect("nix-archive-1");
        r.node(dest);
    }

    private void node(Path dest) throws IOException {
        expect("(");
        expect("type");
        String type = string();
        switch (type) {
            case "regular" -> regular(dest);
            case "symlink" -> {
                expect("target");
                Files.createSymbolicLink(dest, Path.of(new String(bytes(MAX_STRING), NAME_CHARSET)));
                expect(")");
            }
            case "directory" -> directory(dest);
            default -> throw bad("unknown file type '" + type + "'");
        }
    }

    private void regular(Path dest) throws IOException {
        String tag = string();
        boolean executable = false;
        if (tag.equals("executable")) {
            expect("");
            executable = true;
            tag = string();
        }
        if (!tag.equals("contents")) {
            throw bad("expected 'contents', got '" + tag + "'");
        }
        long size = number();
        try (OutputStream out = Files.newOutputStream(dest, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            byte[] buf = new byte[65536];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException("unexpected end of archive");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        skipPadding(size);
        if (executable) {
            Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        expect(")");
    }

    private void directory(Path dest) throws IOException {
        Files.createDirectory(dest);
        byte[] previous = null;
        while (true) {
            String tag = string();
            if (tag.equals(")")) {
                return;
            }
            if (!tag.equals("entry")) {
                throw bad("expected 'entry' or ')', got '" + tag + "'");
            }
            expect("(");
            expect("name");
            byte[] name = bytes(MAX_STRING);
            String n = new String(name, NAME_CHARSET);
            if (name.length == 0 || n.equals(".") || n.equals("..") || n.contains("/") || n.indexOf('\0') >= 0) {
                throw bad("invalid file name '" + n + "'");
            }
            if (previous != null && Arrays.compareUnsigned(previous, name) >= 0) {
                throw bad("file names are not in order");
            }
            previous = name;
            expect("node");
            node(dest.resolve(n));
            expect(")");
        }
    }

    private void expect(String s) throws IOException {
        String got = string();
        if (!got.equals(s)) {
            throw bad("expected '" + s + "', got '" + got + "'");
        }
    }

    private String string() throws IOException {
        return new String(bytes(4096), StandardCharsets.UTF_8);
    }

    private byte[] bytes(int max) throws IOException {
        long n = number();
        if (n < 0 || n > max) {
            throw bad("string of " + n + " bytes is too long");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw new EOFException("unexpected end of archive");
        }
        skipPadding(n);
        return b;
    }

    private long number() throws IOException {
        byte[] b = in.readNBytes(8);
        if (b.length != 8) {
            throw new EOFException("unexpected end of archive");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private void skipPadding(long n) throws IOException {
        int rem = (int) (n % 8);
        if (rem != 0) {
            byte[] pad = in.readNBytes(8 - rem);
            if (pad.length != 8 - rem) {
                throw new EOFException("unexpected end of archive");
            }
            for (byte x : pad) {
                if (x != 0) {
                    throw bad("non-zero padding");
                }
            }
        }
    }

    private static IOException bad(String what) {
        return new IOException("bad archive: " + what);
    }

    // File names are bytes; the JDK maps them to strings with this charset, as Nar does.
    private static Charset nameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
