package org.nixproc.lang.parse;

import org.antlr.v4.runtime.Token;
import org.nixproc.grammar.NixLexer;

/** Token names as Nix's bison parser prints them in "syntax error, unexpected …". */
final class TokenNames {
    private TokenNames() {
    }

    /** Bison's numbering of Nix's tokens, which orders the "expecting" lists. */
    private static final java.util.List<String> BISON_ORDER = java.util.List.of(
            "end of file", "ID", "STR", "IND_STR", "INT", "FLOAT", "PATH", "HPATH", "SPATH", "PATH_END", "URI",
            "IF", "THEN", "ELSE", "ASSERT", "WITH", "LET", "IN", "REC", "INHERIT", "EQ", "NEQ", "AND", "OR", "IMPL",
            "OR_KW", "DOLLAR_CURLY", "IND_STRING_OPEN", "IND_STRING_CLOSE", "ELLIPSIS", "'<'", "'>'", "LEQ", "GEQ",
            "UPDATE", "'!'", "'+'", "'-'", "'*'", "'/'", "CONCAT", "'?'", "':'", "'@'", "'{'", "'}'", "';'", "'.'",
            "'('", "')'", "'\"'", "'['", "']'", "'='", "','");

    /** Bison's "expecting A or B" suffix for up to four expected tokens; empty for more. */
    static String expecting(org.antlr.v4.runtime.misc.IntervalSet types) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(
                java.util.Comparator.comparingInt((String n) -> BISON_ORDER.indexOf(n)).thenComparing(n -> n));
        for (int type : types.toList()) {
            names.add(describe(type, null));
        }
        if (names.isEmpty() || names.size() > 4) {
            return "";
        }
        return ", expecting " + String.join(" or ", names);
    }

    static String describe(Token t) {
        return describe(t.getType(), t.getText());
    }

    private static String describe(int type, String tokenText) {
        if (type == Token.EOF) {
            return "end of file";
        }
        return switch (type) {
            case NixLexer.STRING_OPEN, NixLexer.STR_END -> "'\"'";
            case NixLexer.IND_STRING_OPEN -> "IND_STRING_OPEN";
            case NixLexer.IND_END -> "IND_STRING_CLOSE";
            case NixLexer.STR_TEXT, NixLexer.STR_LONE -> "STR";
            case NixLexer.IND_TEXT, NixLexer.IND_ESC_CHAR, NixLexer.IND_ESC_DOLLAR, NixLexer.IND_ESC_QUOTES,
                    NixLexer.IND_DOLLAR, NixLexer.IND_QUOTE -> "IND_STR";
            case NixLexer.DOLLAR_CURLY, NixLexer.STR_INTERP, NixLexer.IND_INTERP, NixLexer.INPATH_INTERP,
                    NixLexer.PATH_INTERP_START -> "DOLLAR_CURLY";
            case NixLexer.INPATH_TEXT -> "STR";
            case NixLexer.UNKNOWN -> "invalid token";
            case NixLexer.LT -> "'<'";
            case NixLexer.GT -> "'>'";
            default -> {
                String name = NixLexer.VOCABULARY.getSymbolicName(type);
                String literal = NixLexer.VOCABULARY.getLiteralName(type);
                String text = literal != null ? literal.substring(1, literal.length() - 1) : tokenText;
                if (text != null && text.length() == 1 && !Character.isLetterOrDigit(text.charAt(0))) {
                    yield "'" + text + "'";
                }
                yield name;
            }
        };
    }
}
