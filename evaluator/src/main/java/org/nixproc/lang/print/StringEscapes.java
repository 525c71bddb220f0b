package org.nixproc.lang.print;

/** Nix's quoting of strings and attribute names when it prints values and expressions. */
public final class StringEscapes {
    private StringEscapes() {
    }

    /** A string in double quotes with ", \, newline, CR, tab and "${" escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    public static void quote(StringBuilder sb, String s) {
        quote(sb, s, false);
    }

    /** Quotes; names escape every $, values only a $ before {. Text between escapes is copied whole. */
    private static void quote(StringBuilder sb, String s, boolean everyDollar) {
        sb.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            String escaped = escape(s, i, everyDollar);
            if (escaped != null) {
                sb.append(s, plain, i).append(escaped);
                plain = i + 1;
            }
        }
        sb.append(s, plain, s.length()).append('"');
    }

    // The escape of the character at i, or null if it stands for itself.
    private static String escape(String s, int i, boolean everyDollar) {
        return switch (s.charAt(i)) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '$' -> everyDollar || i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : null;
            default -> null;
        };
    }

    /** An attribute name as printed in a set: bare if it is an identifier, else quoted with every $ escaped. */
    public static String attrName(String name) {
        if (isIdentifier(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 2);
        quote(sb, name, true);
        return sb.toString();
    }

    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c0 = s.charAt(0);
        if (!(c0 >= 'a' && c0 <= 'z' || c0 >= 'A' && c0 <= 'Z' || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '\''
                    || c == '-')) {
                return false;
            }
        }
        // Nix 2.8 quotes no keyword but "if" (a quirk of its printer).
        return !s.equals("if");
    }
}
