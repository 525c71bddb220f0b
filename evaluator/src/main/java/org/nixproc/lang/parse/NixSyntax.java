package org.nixproc.lang.parse;

import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.nixproc.grammar.NixLexer;
import org.nixproc.grammar.NixParser;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;

/**
 * Nix source to AST. The ANTLR parse tree never leaves this package: it is turned into our own
 * AST, with variables resolved, by {@link AstBuilder}. Parsing tries ANTLR's fast SLL mode
 * first and falls back to full LL only when that fails, as ANTLR recommends.
 */
public final class NixSyntax {
    private NixSyntax() {
    }

    /**
     * Parses source text; {@code extra} names variables of one more scope inside the global one
     * (scopedImport), empty for ordinary files.
     */
    public static Expr parse(Source source, String baseDir, Map<String, Integer> globals, Map<String, Integer> extra,
            String homeDir) {
        NixParser.FileContext tree;
        try {
            tree = parser(source, true).file();
        } catch (ParseCancellationException e) {
            tree = parser(source, false).file();
        }
        Scope scope = Scope.global(globals);
        return new AstBuilder(source, baseDir, homeDir).build(tree, extra.isEmpty() ? scope : scope.bind(extra));
    }

    private static NixParser parser(Source source, boolean sll) {
        NixLexer lexer = new NixLexer(CharStreams.fromString(source.text(), source.origin()));
        lexer.removeErrorListeners();
        NixParser parser = new NixParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        if (sll) {
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        } else {
            parser.addErrorListener(new BaseErrorListener() {
                @Override
                public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column,
                        String msg, RecognitionException e) {
                    Token t = (Token) offending;
                    throw new ParseError("syntax error, unexpected " + TokenNames.describe(t),
                            new Pos(source, line, column + 1));
                }
            });
        }
        return parser;
    }
}
