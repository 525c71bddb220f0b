package org.nixproc.lang.hash;

import java.nio.charset.StandardCharsets;

/**
 * Nix's own base-32 encoding, used for store path hash parts and for printing hashes.
 *
 * <p>It differs from RFC 4648 base-32 in two ways, both of which must be reproduced exactly because
 * the encoded text appears in store paths: the alphabet omits {@code e o u t} (to avoid spelling
 * words in paths), and the bits are taken starting from the least significant end of the byte
 * array, with the first character of the text holding the most significant (last) bits. An input
 * of {@code n} bytes encodes to {@code (n*8-1)/5+1} characters, without padding.
 */
public final class NixBase32 {

    /** The 32 digits, in value order. */
    public static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

    private static final int[] DIGIT_VALUES = new int[128];

    static {
        java.util.Arrays.fill(DIGIT_VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT_VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private NixBase32() {
    }

    /** Number of characters the encoding of {@code byteCount} bytes takes. */
    public static int encodedLength(int byteCount) {
        // Nix's formula; the zero case is special only because Java's integer division rounds
        // -1/5 towards zero, which would give 1.
        return byteCount == 0 ? 0 : (byteCount * 8 - 1) / 5 + 1;
    }

    /** Whether {@code c} is one of the 32 digits. */
    public static boolean isDigit(char c) {
        return digitValue(c) >= 0;
    }

    private static int digitValue(char c) {
        return c < 128 ? DIGIT_VALUES[c] : -1;
    }

    /** Encodes bytes as Nix base-32 text. */
    public static String encode(byte[] bytes) {
        int length = encodedLength(bytes.length);
        byte[] out = new byte[length];
        // Character n (counted from the end of the text) holds bits n*5 .. n*5+4 of the input,
        // where bit k is bit k%8 of byte k/8: a little-endian bit string.
        for (int n = length - 1; n >= 0; n--) {
            int b = n * 5;
            int i = b / 8;
            int j = b % 8;
            int c = (bytes[i] & 0xff) >> j;
            if (i + 1 < bytes.length) {
                c |= (bytes[i + 1] & 0xff) << (8 - j);
            }
            out[length - 1 - n] = (byte) ALPHABET.charAt(c & 0x1f);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes text whose byte length follows from its length (the inverse of
     * {@link #encodedLength}); fails if no byte count encodes to this many characters.
     */
    public static byte[] decode(String text) {
        int size = text.length() * 5 / 8;
        if (encodedLength(size) != text.length()) {
            throw invalid(text);
        }
        return decode(text, size);
    }

    /**
     * Decodes text into exactly {@code size} bytes, rejecting characters outside the alphabet,
     * a wrong length, and text whose leading digit carries bits beyond the last byte (such text
     * would not round-trip, and Nix rejects it).
     */
    public static byte[] decode(String text, int size) {
        if (text.length() != encodedLength(size)) {
            throw invalid(text);
        }
        byte[] bytes = new byte[size];
        int length = text.length();
        for (int n = 0; n < length; n++) {
            int digit = digitValue(text.charAt(length - n - 1));
            if (digit < 0) {
                throw invalid(text);
            }
            int b = n * 5;
            int i = b / 8;
            int j = b % 8;
            bytes[i] |= (byte) (digit << j);
            int carry = digit >> (8 - j);
            if (i + 1 < size) {
                bytes[i + 1] |= (byte) carry;
            } else if (carry != 0) {
                throw invalid(text);
            }
        }
        return bytes;
    }

    private static FormatException invalid(String text) {
        return new FormatException("invalid base-32 hash '" + text + "'");
    }
}
