package org.nixproc.store.build;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.lang.hash.NixBase32;
import org.nixproc.store.StorePath;

/**
 * Finds which store paths a build output refers to, as Nix does: by looking for their hash parts
 * (32 nix-base32 characters) anywhere in the output's NAR serialisation, so in file contents, file
 * names and symlink targets alike.
 *
 * <p>It is an {@link OutputStream} the archive is written into, so outputs of any size are scanned
 * in one streaming pass. The scan is linear: it counts the run of base-32 characters ending at each
 * byte, and only where a run is 32 long looks the window up, first in a bitmap of the candidates'
 * first three characters, then in the set itself.
 */
public final class ReferenceScanner extends OutputStream {
    private static final int LEN = StorePath.HASH_PART_LENGTH;
    private static final int[] DIGIT = digits();

    private final Set<String> candidates;
    /** The store path of each candidate hash part (the hash part itself when made from hash parts). */
    private final Map<String, String> paths;
    private final long[] prefixes = new long[32 * 32 * 32 / 64];
    private final Set<String> found = new HashSet<>();
    private final byte[] carry = new byte[LEN - 1];
    private int carryLen;
    private int run;

    /** A scanner for these hash parts. */
    public ReferenceScanner(Collection<String> hashParts) {
        this(identity(hashParts));
    }

    private ReferenceScanner(Map<String, String> paths) {
        this.paths = paths;
        this.candidates = paths.keySet();
        for (String h : candidates) {
            if (h.length() == LEN) {
                int p = prefix(h.charAt(0), h.charAt(1), h.charAt(2));
                if (p >= 0) {
                    prefixes[p >>> 6] |= 1L << (p & 63);
                }
            }
        }
    }

    /** A scanner for the hash parts of these store paths; see {@link #foundPaths()}. */
    public static ReferenceScanner ofPaths(Collection<String> storePaths) {
        Map<String, String> byHash = new HashMap<>();
        for (String c : storePaths) {
            byHash.put(StorePath.hashPart(c), c);
        }
        return new ReferenceScanner(byHash);
    }

    private static Map<String, String> identity(Collection<String> hashParts) {
        Map<String, String> m = new HashMap<>();
        for (String h : hashParts) {
            m.put(h, h);
        }
        return m;
    }

    /** The candidates whose hash parts were seen so far (store paths for {@link #ofPaths}), sorted. */
    public Set<String> foundPaths() {
        Set<String> refs = new TreeSet<>();
        for (String h : found) {
            refs.add(paths.get(h));
        }
        return refs;
    }

    /** The hash parts seen so far. */
    public Set<String> found() {
        return Set.copyOf(found);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len <= 0 || found.size() == candidates.size()) {
            return;
        }
        // Windows may straddle writes: scan the last bytes of the previous write again as a prefix.
        byte[] buf = new byte[carryLen + len];
        System.arraycopy(carry, 0, buf, 0, carryLen);
        System.arraycopy(b, off, buf, carryLen, len);
        int r = run;
        for (int p = carryLen; p < buf.length; p++) {
            if (DIGIT[buf[p] & 0xff] >= 0) {
                if (++r >= LEN) {
                    check(buf, p - LEN + 1);
                }
            } else {
                r = 0;
            }
        }
        run = r;
        carryLen = Math.min(carry.length, buf.length);
        System.arraycopy(buf, buf.length - carryLen, carry, 0, carryLen);
    }

    private void check(byte[] buf, int start) {
        int p = (DIGIT[buf[start] & 0xff] << 10) | (DIGIT[buf[start + 1] & 0xff] << 5) | DIGIT[buf[start + 2] & 0xff];
        if ((prefixes[p >>> 6] & (1L << (p & 63))) == 0) {
            return;
        }
        String s = new String(buf, start, LEN, StandardCharsets.ISO_8859_1);
        if (candidates.contains(s)) {
            found.add(s);
        }
    }

    private static int prefix(char a, char b, char c) {
        if (a > 255 || b > 255 || c > 255 || DIGIT[a] < 0 || DIGIT[b] < 0 || DIGIT[c] < 0) {
            return -1;
        }
        return (DIGIT[a] << 10) | (DIGIT[b] << 5) | DIGIT[c];
    }

    private static int[] digits() {
        int[] d = new int[256];
        java.util.Arrays.fill(d, -1);
        for (int i = 0; i < NixBase32.ALPHABET.length(); i++) {
            d[NixBase32.ALPHABET.charAt(i)] = i;
        }
        return d;
    }
}
