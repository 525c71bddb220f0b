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
import org.nixproc.grammar.NixParserBase;
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
            try {
                tree = parser(source, true).file();
            } catch (ParseCancellationException e) {
                tree = parser(source, false).file();
            }
        } catch (NixParserBase.TooDeep e) {
            // Nix's words when its parser's stack is full.
            throw new ParseError("memory exhausted", new Pos(source, e.at.getLine(), e.at.getCharPositionInLine() + 1));
        }
        Scope scope = Scope.global(globals);
        return new AstBuilder(source, baseDir, homeDir).build(tree, extra.isEmpty() ? scope : scope.bind(extra));
    }

    private static final java.util.Set<Integer> EXPRESSION_RULES = java.util.Set.of(NixParser.RULE_expr,
            NixParser.RULE_exprFunction, NixParser.RULE_exprIf, NixParser.RULE_exprOp, NixParser.RULE_exprApp,
            NixParser.RULE_exprSelect, NixParser.RULE_exprSimple);

    /**
     * The tokens bison would say it expected. Bison reduces a complete expression before it
     * reports an error, so an expression that could end here contributes nothing and the rule
     * around it speaks instead; other rules that could end add their tokens to the enclosing rule's.
     */
    private static org.antlr.v4.runtime.misc.IntervalSet expected(NixParser p) {
        org.antlr.v4.runtime.atn.ATN atn = p.getInterpreter().atn;
        org.antlr.v4.runtime.misc.IntervalSet result = new org.antlr.v4.runtime.misc.IntervalSet();
        org.antlr.v4.runtime.ParserRuleContext ctx = p.getContext();
        org.antlr.v4.runtime.atn.ATNState state = atn.states.get(p.getState());
        if (ctx.getChildCount() > 0 && ctx.getChild(ctx.getChildCount() - 1) instanceof NixParser.BindsContext) {
            // Right after `binds` (bind*), bison's state still takes another binding.
            result.addAll(atn.nextTokens(atn.ruleToStartState[NixParser.RULE_binds]));
        }
        while (true) {
            org.antlr.v4.runtime.misc.IntervalSet next = atn.nextTokens(state);
            boolean canEnd = next.contains(Token.EPSILON);
            if (!(canEnd && EXPRESSION_RULES.contains(ctx.getRuleIndex()))) {
                result.addAll(next);
            }
            if (!canEnd || ctx.invokingState < 0) {
                break;
            }
            org.antlr.v4.runtime.atn.RuleTransition call =
                    (org.antlr.v4.runtime.atn.RuleTransition) atn.states.get(ctx.invokingState).transition(0);
            state = call.followState;
            ctx = ctx.getParent();
        }
        result.remove(Token.EPSILON);
        return result;
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
                    NixParser p = (NixParser) recognizer;
                    Token at = t;
                    if (t.getType() == Token.EOF && t.getTokenIndex() > 0) {
                        // Nix places an unexpected end of file where the last lexed text (even blank) starts.
                        at = p.getTokenStream().get(t.getTokenIndex() - 1);
                    }
                    throw new ParseError("syntax error, unexpected " + TokenNames.describe(t)
                            + TokenNames.expecting(expected(p)),
                            new Pos(source, at.getLine(), at.getCharPositionInLine() + 1));
                }
            });
        }
        return parser;
    }
}
