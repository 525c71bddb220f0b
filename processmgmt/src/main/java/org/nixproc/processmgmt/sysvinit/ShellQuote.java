package org.nixproc.processmgmt.sysvinit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quoting of values for a POSIX shell: every value that ends up in a generated script goes
 * through {@link #quote}, so that no value (quotes, {@code $()}, backticks, newlines) can run
 * code. Strings made only of characters no shell treats specially are left as they are, which
 * keeps store paths and plain words readable.
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** {@code s} as one shell word. */
    public static String quote(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Each of {@code words} quoted, separated by spaces. */
    public static String quoteAll(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    /** {@code s} on one line, for comments: line breaks become spaces. */
    public static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
