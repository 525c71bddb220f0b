package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Arithmetic;
import org.nixproc.lang.eval.Comparison;
import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.Equality;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;

/** A binary operator other than {@code +}: {@code a == b}, {@code a && b}, {@code a // b}, {@code a - b}, ... */
public record BinaryOp(Pos pos, Operator op, Expr left, Expr right) implements Expr {
    @Override
    public Value eval(Env env) {
        EvalState st = env.state;
        return switch (op) {
            case EQ -> NixBool.of(Equality.equal(st, left.eval(env), right.eval(env), pos));
            case NEQ -> NixBool.of(!Equality.equal(st, left.eval(env), right.eval(env), pos));
            case AND -> NixBool.of(st.forceBool(left.eval(env), pos) && st.forceBool(right.eval(env), pos));
            case OR -> NixBool.of(st.forceBool(left.eval(env), pos) || st.forceBool(right.eval(env), pos));
            case IMPL -> NixBool.of(!st.forceBool(left.eval(env), pos) || st.forceBool(right.eval(env), pos));
            case UPDATE -> st.forceAttrs(left.eval(env), Pos.NONE).update(st.forceAttrs(right.eval(env), Pos.NONE));
            case CONCAT -> concat(st, left.eval(env), right.eval(env));
            case SUB -> Arithmetic.sub(st, left.eval(env), right.eval(env), pos);
            case MUL -> Arithmetic.mul(st, left.eval(env), right.eval(env), pos);
            case DIV -> Arithmetic.div(st, left.eval(env), right.eval(env), pos);
            case LT -> NixBool.of(Comparison.lessThan(st, left.eval(env), right.eval(env), Pos.NONE));
            case GT -> NixBool.of(Comparison.lessThan(st, right.eval(env), left.eval(env), Pos.NONE));
            case LE -> NixBool.of(!Comparison.lessThan(st, right.eval(env), left.eval(env), Pos.NONE));
            case GE -> NixBool.of(!Comparison.lessThan(st, left.eval(env), right.eval(env), Pos.NONE));
        };
    }

    private Value concat(EvalState st, Value l, Value r) {
        NixList a = st.forceList(l, pos);
        NixList b = st.forceList(r, pos);
        if (b.size() == 0) {
            return a;
        }
        if (a.size() == 0) {
            return b;
        }
        Lazy[] all = new Lazy[a.size() + b.size()];
        System.arraycopy(a.elements(), 0, all, 0, a.size());
        System.arraycopy(b.elements(), 0, all, a.size(), b.size());
        return new NixList(all);
    }
}
