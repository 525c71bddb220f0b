package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.ExprThunk;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/**
 * A node of the Nix abstract syntax tree. Nodes are immutable, carry the position of their first
 * token, and have their variables already resolved to environment slots; each evaluates itself.
 */
public sealed interface Expr
        permits Literal, VarStatic, VarWith, Select, HasAttr, AttrsLit,
        RecAttrsLit, ListLit, LambdaExpr, Call, Let, With, If, Assert, Not, BinaryOp, Add,
        InterpolatedString, InterpolatedPath, CurPos {

    Pos pos();

    /** Evaluates to weak head normal form. */
    Value eval(Env env);

    /** The value without evaluating it yet: a thunk, or the value itself where that costs nothing. */
    default Lazy lazy(Env env) {
        return new ExprThunk(this, env);
    }
}
