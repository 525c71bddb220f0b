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
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$' -> sb.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    /** An attribute name as printed in a set: bare if it is an identifier (not a keyword), else quoted. */
    public static String attrName(String name) {
        return isIdentifier(name) ? name : quote(name);
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
        return switch (s) {
            case "if", "then", "else", "assert", "with", "let", "in", "rec", "inherit" -> false;
            default -> true;
        };
    }
}
