package org.nixproc.grammar;

import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * Bounds how deeply rules nest, as bison's stack bounds Nix's parser: past the bound the parse
 * stops with {@link TooDeep} at the token where it was reached, instead of using up the stack.
 * Nix admits about 10,000 levels of its cheapest nesting (parentheses, negation), which cost
 * seven rules each here; the bound admits that, and so everything Nix's parser admits.
 */
public abstract class NixParserBase extends Parser {
    public static final int MAX_DEPTH = 70_000;

    private int depth;

    protected NixParserBase(TokenStream input) {
        super(input);
    }

    /** Nesting past {@link #MAX_DEPTH}, at {@code at}. */
    public static final class TooDeep extends RuntimeException {
        public final transient Token at;

        TooDeep(Token at) {
            super("nesting deeper than " + MAX_DEPTH + " rules", null, false, false);
            this.at = at;
        }
    }

    private void enter() {
        if (depth == MAX_DEPTH) {
            throw new TooDeep(getCurrentToken());
        }
        depth++;
    }

    @Override
    public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
        enter();
        super.enterRule(localctx, state, ruleIndex);
    }

    @Override
    public void exitRule() {
        super.exitRule();
        depth--;
    }

    // A left-recursive rule enters once per call and unrolls its contexts once when it returns.
    @Override
    public void enterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence) {
        enter();
        super.enterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    @Override
    public void unrollRecursionContexts(ParserRuleContext parentctx) {
        super.unrollRecursionContexts(parentctx);
        depth--;
    }
}
