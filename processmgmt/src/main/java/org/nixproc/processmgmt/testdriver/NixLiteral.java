package org.nixproc.processmgmt.testdriver;

/** Nix source text for values the driver puts into the expression it builds. */
final class NixLiteral {
    private NixLiteral() {
    }

    /** A double-quoted Nix string denoting exactly {@code s} ({@code ${} must not interpolate). */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '$' -> b.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
