package org.nixproc.lang.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * Nix's version strings (compareVersions, splitVersion, parseDrvName) over byte strings. A
 * version is a sequence of components separated by dots and dashes: a run of digits, or a run
 * of other characters. Digit runs compare as numbers, but only when they fit in a C int, as in
 * Nix; "pre" sorts before anything else, an empty (missing) component before a number, and a
 * word before a number ("2.3a" < "2.3.1").
 */
final class Versions {
    private Versions() {
    }

    /** The components of a version, separators dropped. */
    static List<String> split(String version) {
        List<String> parts = new ArrayList<>();
        int[] p = {0};
        while (p[0] < version.length()) {
            String c = next(version, p);
            if (c.isEmpty()) {
                break;
            }
            parts.add(c);
        }
        return parts;
    }

    /** -1, 0 or 1 as v1 is older than, the same as or newer than v2. */
    static int compare(String v1, String v2) {
        int[] p1 = {0};
        int[] p2 = {0};
        while (p1[0] < v1.length() || p2[0] < v2.length()) {
            String c1 = next(v1, p1);
            String c2 = next(v2, p2);
            if (lessThan(c1, c2)) {
                return -1;
            }
            if (lessThan(c2, c1)) {
                return 1;
            }
        }
        return 0;
    }

    /** The component at p[0] (skipping separators before it), advancing p[0] past it. */
    private static String next(String s, int[] p) {
        int i = p[0];
        while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        if (i < s.length() && isDigit(s.charAt(i))) {
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.' && s.charAt(i) != '-') {
                i++;
            }
        }
        p[0] = i;
        return s.substring(start, i);
    }

    private static boolean lessThan(String c1, String c2) {
        Integer n1 = toInt(c1);
        Integer n2 = toInt(c2);
        if (n1 != null && n2 != null) {
            return n1 < n2;
        }
        if (c1.isEmpty() && n2 != null) {
            return true;
        }
        if (c1.equals("pre") && !c2.equals("pre")) {
            return true;
        }
        if (c2.equals("pre")) {
            return false;
        }
        if (n2 != null) {
            return true;
        }
        if (n1 != null) {
            return false;
        }
        return c1.compareTo(c2) < 0;
    }

    /** A component as a number: all digits and within an int (Nix's string2Int&lt;int&gt;). */
    private static Integer toInt(String c) {
        if (c.isEmpty()) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < c.length(); i++) {
            if (!isDigit(c.charAt(i))) {
                return null;
            }
            v = v * 10 + (c.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) {
                return null;
            }
        }
        return (int) v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** parseDrvName: the name ends at the first dash followed by something other than an ASCII letter. */
    static String[] parseDrvName(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            char n = s.charAt(i + 1);
            if (s.charAt(i) == '-' && !((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z'))) {
                return new String[] {s.substring(0, i), s.substring(i + 1)};
            }
        }
        return new String[] {s, ""};
    }
}
