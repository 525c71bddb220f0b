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
        // UTF-16 order is code point order unless the first difference involves a surrogate.
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Character.isSurrogate(x) || Character.isSurrogate(y) ? byCodePoints(a, b) : x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int byCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
