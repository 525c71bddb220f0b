package org.nixproc.lang.parse;

import org.antlr.v4.runtime.Token;
import org.nixproc.grammar.NixLexer;

/** Token names as Nix's bison parser prints them in "syntax error, unexpected …". */
final class TokenNames {
    private TokenNames() {
    }

    static String describe(Token t) {
        if (t.getType() == Token.EOF) {
            return "end of file";
        }
        return switch (t.getType()) {
            case NixLexer.STRING_OPEN, NixLexer.STR_END -> "'\"'";
            case NixLexer.IND_STRING_OPEN -> "IND_STRING_OPEN";
            case NixLexer.IND_END -> "IND_STRING_CLOSE";
            case NixLexer.STR_TEXT, NixLexer.STR_LONE -> "STR";
            case NixLexer.IND_TEXT, NixLexer.IND_ESC_CHAR, NixLexer.IND_ESC_DOLLAR, NixLexer.IND_ESC_QUOTES,
                    NixLexer.IND_DOLLAR, NixLexer.IND_QUOTE -> "IND_STR";
            case NixLexer.DOLLAR_CURLY, NixLexer.STR_INTERP, NixLexer.IND_INTERP, NixLexer.INPATH_INTERP,
                    NixLexer.PATH_INTERP_START -> "DOLLAR_CURLY";
            case NixLexer.INPATH_TEXT -> "STR";
            case NixLexer.UNKNOWN -> "'" + t.getText() + "'";
            default -> {
                String name = NixLexer.VOCABULARY.getSymbolicName(t.getType());
                String text = t.getText();
                if (text != null && text.length() == 1 && !Character.isLetterOrDigit(text.charAt(0))) {
                    yield "'" + text + "'";
                }
                yield name;
            }
        };
    }
}
