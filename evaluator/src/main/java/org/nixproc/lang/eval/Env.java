package org.nixproc.lang.eval;

import org.nixproc.lang.value.Lazy;

/**
 * A runtime scope: the slots of one static scope (a let, a rec set, a lambda's arguments,
 * a with's attribute set) and the scope around it. Variables were resolved to
 * (depth, slot) before evaluation, so lookups never search by name.
 */
public final class Env {
    public final Env up;
    public final Lazy[] slots;
    public final EvalState state;

    public Env(Env up, int size) {
        this.up = up;
        this.slots = new Lazy[size];
        this.state = up.state;
    }

    public Env(Env up, Lazy[] slots) {
        this.up = up;
        this.slots = slots;
        this.state = up.state;
    }

    /** The outermost scope, holding the global names (builtins, map, true, ...). */
    Env(EvalState state, Lazy[] slots) {
        this.up = null;
        this.slots = slots;
        this.state = state;
    }

    public Env at(int depth) {
        Env e = this;
        for (int i = 0; i < depth; i++) {
            e = e.up;
        }
        return e;
    }
}
