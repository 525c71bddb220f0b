package org.nixproc.store;

import java.util.Comparator;

/**
 * The order in which Nix sorts strings: byte by byte, as C++ {@code std::string} compares them.
 *
 * <p>Every sorted collection in the store formats (derivation outputs, environment, input paths,
 * directory entries in a NAR) uses this order, and the order is baked into hashes. Java's
 * {@link String#compareTo} compares UTF-16 code units, which disagrees with UTF-8 byte order when a
 * supplementary character (a surrogate pair, 0xD800..0xDFFF) meets a character in 0xE000..0xFFFF.
 * Comparing code points instead gives exactly the UTF-8 byte order.
 */
public final class Utf8Order {

    /** Compares strings by code point, which equals comparing their UTF-8 encodings bytewise. */
    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    /** Compares two strings as their UTF-8 byte sequences would compare. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return Integer.compare(rank(ca), rank(cb));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * Where a UTF-16 code unit ranks in code point order, at the first unit two strings differ
     * in: a surrogate (of a character above U+FFFF) ranks above every unit in U+E000..U+FFFF;
     * all other units, and two surrogates, keep their order.
     */
    private static int rank(char c) {
        return c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
    }
}
