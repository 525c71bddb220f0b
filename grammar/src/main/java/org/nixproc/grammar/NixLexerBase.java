package org.nixproc.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * The two lexer behaviours flex's start conditions give Nix that ANTLR lexer rules cannot say:
 * a path with interpolation ends, with a PATH_END token of no width, at the first character that
 * cannot continue it; and a '}' with no '{' before it leaves the mode stack alone so the parser,
 * not the lexer, reports it.
 */
public abstract class NixLexerBase extends Lexer {
    protected NixLexerBase(CharStream input) {
        super(input);
    }

    @Override
    public Token nextToken() {
        if (_mode == NixLexer.INPATH && !continuesPath()) {
            popMode();
            int at = _input.index();
            return _factory.create(_tokenFactorySourcePair, NixLexer.PATH_END, "", Token.DEFAULT_CHANNEL,
                    at, at - 1, getLine(), getCharPositionInLine());
        }
        return super.nextToken();
    }

    private boolean continuesPath() {
        int c = _input.LA(1);
        if (c == '$') {
            return _input.LA(2) == '{';
        }
        return c == '/' || c == '.' || c == '_' || c == '-' || c == '+'
                || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    @Override
    public int popMode() {
        return _modeStack.isEmpty() ? _mode : super.popMode();
    }
}
