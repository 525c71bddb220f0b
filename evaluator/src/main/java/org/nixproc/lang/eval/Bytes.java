package org.nixproc.lang.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Conversions between Java strings and Nix's byte strings, which this evaluator holds as Java
 * strings of one char per byte (ISO-8859-1 over the bytes, usually UTF-8 text).
 */
public final class Bytes {
    private Bytes() {
    }

    /** A Java (UTF-16) string as a Nix byte string of its UTF-8 encoding. */
    public static String fromJava(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return s;
    }

    /** A Nix byte string decoded as UTF-8 into a Java string. */
    public static String toJava(String bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.charAt(i) >= 0x80) {
                return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }

    public static byte[] toArray(String bytes) {
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String fromArray(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** The file system path a Nix path string names. */
    public static Path path(String bytes) {
        return Path.of(toJava(bytes));
    }

    public static String readFile(Path p) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return fromArray(readAll(in));
        }
    }

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * All of a stream's bytes, read in chunks so that an endless one (/dev/zero) can be stopped
     * ({@link Interruption}) before it fills the memory.
     */
    public static byte[] readAll(java.io.InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
            }
            n += r;
            if (n == buf.length) {
                Interruption.check();
                if (buf.length == MAX_ARRAY) {
                    throw new OutOfMemoryError("Required array size too large");
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(2L * buf.length, MAX_ARRAY));
            }
        }
    }
}
