package org.nixproc.store.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framing of {@code nix-store --export}: for each path the number 1, its NAR, the magic
 * {@value #MAGIC} ("NIXE"), the path, its references (a count, then each), its deriver (empty if
 * none) and 0 (no signature); then 0 after the last. Numbers are little-endian 64-bit words,
 * strings a length and the bytes padded with zeros to a multiple of 8, as in a NAR.
 */
final class ExportFormat {
    static final long MAGIC = 0x4558494eL;

    private ExportFormat() {
    }

    static void writeNumber(OutputStream out, long n) throws IOException {
        for (int i = 0; i < 8; i++) {
            out.write((int) (n >>> (8 * i)) & 0xff);
        }
    }

    static void writeString(OutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeNumber(out, b.length);
        out.write(b);
        if (b.length % 8 != 0) {
            out.write(new byte[8 - b.length % 8]);
        }
    }

    static long readNumber(InputStream in) throws IOException {
        byte[] b = in.readNBytes(8);
        if (b.length != 8) {
            throw new EOFException("unexpected end of the export stream");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    static String readString(InputStream in) throws IOException {
        long n = readNumber(in);
        if (n < 0 || n > 65536) {
            throw new IOException("input doesn't look like something created by 'nix-store --export'");
        }
        byte[] b = in.readNBytes((int) n);
        long padded = (n + 7) / 8 * 8;
        if (b.length != n || in.readNBytes((int) (padded - n)).length != padded - n) {
            throw new EOFException("unexpected end of the export stream");
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
