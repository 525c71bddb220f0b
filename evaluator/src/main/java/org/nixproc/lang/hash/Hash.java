package org.nixproc.lang.hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A digest together with its algorithm, as Nix passes hashes around: parsed from the many textual
 * forms Nix accepts and printed in the forms Nix prints.
 *
 * <p>Accepted forms (those of Nix 2.8's {@code Hash::parseAny} and relatives):
 * {@code <algo>:<base16|base32|base64>}, SRI {@code <algo>-<base64>}, or the bare encoding when the
 * algorithm is known from context. Without an SRI marker the encoding is decided by the length
 * alone, so the same text can mean different things for different algorithms. Error messages
 * reproduce Nix's wording so evaluator errors match real Nix.
 */
public final class Hash {

    /** The textual encodings of a hash. */
    public enum Format {
        BASE16, BASE32, BASE64, SRI
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final HashAlgorithm algorithm;
    private final byte[] bytes;

    /** A hash of {@code algorithm} with the given digest, which must have the algorithm's size. */
    public Hash(HashAlgorithm algorithm, byte[] bytes) {
        if (bytes.length != algorithm.size()) {
            throw new IllegalArgumentException(
                    "a " + algorithm + " hash has " + algorithm.size() + " bytes, not " + bytes.length);
        }
        this.algorithm = algorithm;
        this.bytes = bytes.clone();
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** A copy of the digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    // ---------------------------------------------------------------- hashing

    /** Digest of raw bytes. */
    public static Hash of(HashAlgorithm algorithm, byte[] data) {
        return new Hash(algorithm, algorithm.digest(data));
    }

    /** Digest of a string's UTF-8 bytes (Nix strings are byte strings; UTF-8 is how we hold them). */
    public static Hash of(HashAlgorithm algorithm, String data) {
        return of(algorithm, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Digest of everything left in a stream; the stream is not closed. */
    public static Hash of(HashAlgorithm algorithm, InputStream in) {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Hash(algorithm, digest.digest());
    }

    /** A finished JDK digest as a Hash. */
    public static Hash of(HashAlgorithm algorithm, MessageDigest digest) {
        return new Hash(algorithm, digest.digest());
    }

    /**
     * Folds a digest into {@code newSize} bytes by XOR-ing byte {@code i} into position
     * {@code i % newSize}. Nix shortens SHA-256 to the 160 bits of a store path hash part this way
     * (rather than by truncating), so every input byte influences the result.
     */
    public static byte[] compressHash(byte[] hash, int newSize) {
        byte[] result = new byte[newSize];
        for (int i = 0; i < hash.length; i++) {
            result[i % newSize] ^= hash[i];
        }
        return result;
    }

    /** This digest folded to {@code newSize} bytes; see {@link #compressHash}. */
    public byte[] compressed(int newSize) {
        return compressHash(bytes, newSize);
    }

    // ---------------------------------------------------------------- printing

    public String toBase16() {
        byte[] hex = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            hex[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    public String toBase32() {
        return NixBase32.encode(bytes);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The SRI form, {@code sha256-<base64>}. */
    public String toSRI() {
        return algorithm.nixName() + "-" + toBase64();
    }

    /**
     * The hash in {@code format}; for the non-SRI formats {@code includeAlgorithm} adds the
     * {@code algo:} prefix. SRI always carries its algorithm.
     */
    public String toString(Format format, boolean includeAlgorithm) {
        String prefix = includeAlgorithm ? algorithm.nixName() + ":" : "";
        switch (format) {
            case BASE16:
                return prefix + toBase16();
            case BASE32:
                return prefix + toBase32();
            case BASE64:
                return prefix + toBase64();
            default:
                return toSRI();
        }
    }

    /** {@code algo:base32}, the form Nix uses in most messages. */
    @Override
    public String toString() {
        return toString(Format.BASE32, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && h.algorithm == algorithm && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses any accepted form. {@code expected} is the algorithm known from context (may be null);
     * a prefix, if present, must agree with it, and one of the two must be present.
     */
    public static Hash parseAny(String text, HashAlgorithm expected) {
        Prefixed p = splitPrefix(text);
        if (p.algorithm != null && expected != null && p.algorithm != expected) {
            throw new FormatException("hash '" + text + "' should have type '" + expected + "'");
        }
        HashAlgorithm algorithm = p.algorithm != null ? p.algorithm : expected;
        if (algorithm == null) {
            throw new FormatException("hash '" + text
                    + "' does not include a type, nor is the type otherwise known from context");
        }
        return decode(p.rest, algorithm, p.sri);
    }

    /** Parses a hash that must name its own algorithm ({@code algo:...} or SRI). */
    public static Hash parseAnyPrefixed(String text) {
        Prefixed p = splitPrefix(text);
        if (p.algorithm == null) {
            throw new FormatException("hash '" + text + "' does not include a type");
        }
        return decode(p.rest, p.algorithm, p.sri);
    }

    /** Parses an SRI hash {@code algo-base64}. */
    public static Hash parseSRI(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new FormatException("hash '" + text + "' is not SRI");
        }
        return decode(text.substring(dash + 1), HashAlgorithm.parse(text.substring(0, dash)), true);
    }

    /** Parses a bare base-16, base-32 or base-64 digest of a known algorithm. */
    public static Hash parseNonSRIUnprefixed(String text, HashAlgorithm algorithm) {
        return decode(text, algorithm, false);
    }

    private record Prefixed(HashAlgorithm algorithm, String rest, boolean sri) {
    }

    // A colon prefix wins over a dash, so "sha256-x:y" names the (unknown) algorithm "sha256-x".
    private static Prefixed splitPrefix(String text) {
        int colon = text.indexOf(':');
        if (colon >= 0) {
            return new Prefixed(HashAlgorithm.parse(text.substring(0, colon)),
                    text.substring(colon + 1), false);
        }
        int dash = text.indexOf('-');
        if (dash >= 0) {
            return new Prefixed(HashAlgorithm.parse(text.substring(0, dash)),
                    text.substring(dash + 1), true);
        }
        return new Prefixed(null, text, false);
    }

    // The encoding follows from the length; SRI is always base-64 whatever its length.
    private static Hash decode(String rest, HashAlgorithm algorithm, boolean sri) {
        if (!sri && rest.length() == algorithm.base16Length()) {
            return new Hash(algorithm, decodeBase16(rest));
        }
        if (!sri && rest.length() == algorithm.base32Length()) {
            return new Hash(algorithm, NixBase32.decode(rest, algorithm.size()));
        }
        if (sri || rest.length() == algorithm.base64Length()) {
            byte[] decoded = decodeBase64(rest);
            if (decoded.length != algorithm.size()) {
                throw new FormatException((sri ? "invalid SRI hash '" : "invalid base-64 hash '")
                        + rest + "'");
            }
            return new Hash(algorithm, decoded);
        }
        throw new FormatException("hash '" + rest + "' has wrong length for hash type '"
                + algorithm + "'");
    }

    private static byte[] decodeBase16(String text) {
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            // Character.digit also accepts non-ASCII digits; Nix accepts only [0-9a-fA-F].
            if (hi < 0 || lo < 0 || text.charAt(2 * i) > 'f' || text.charAt(2 * i + 1) > 'f') {
                throw new FormatException("invalid base-16 hash '" + text + "'");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /**
     * Base-64 decoding as lenient as Nix's: decoding stops at the first {@code =} (so padding is
     * optional and anything after it is ignored) and newlines are skipped.
     */
    static byte[] decodeBase64(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '=') {
                break;
            }
            if (c == '\n') {
                continue;
            }
            int digit = base64Digit(c);
            if (digit < 0) {
                // Nix 2.8 formats the character with "%c" on a colour-wrapped value, so what
                // reaches the user is the empty quotes; reproduce that output.
                throw new FormatException("invalid character in Base64 string: ''");
            }
            acc = (acc << 6 | digit) & 0xffff;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write(acc >> bits & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int base64Digit(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
