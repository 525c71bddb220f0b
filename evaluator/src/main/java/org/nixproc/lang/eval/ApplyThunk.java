package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/** A function application suspended until needed (map, genList, mapAttrs build these). */
public final class ApplyThunk extends Thunk {
    private EvalState state;
    private Lazy function;
    private Lazy[] args;
    private Pos pos;

    public ApplyThunk(EvalState state, Lazy function, Pos pos, Lazy... args) {
        this.state = state;
        this.function = function;
        this.args = args;
        this.pos = pos;
    }

    @Override
    protected Value compute() {
        return state.call(function.force(), args, pos);
    }

    @Override
    protected void release() {
        state = null;
        function = null;
        args = null;
    }
}
