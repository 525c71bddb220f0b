package org.nixproc.lang.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.VarStatic;
import org.nixproc.lang.ast.VarWith;

/**
 * A static scope while the AST is built: the names a let, rec set, lambda or the global scope
 * binds, with their slots, or a with (which binds no name statically). One Scope is one Env at
 * run time, which is what makes a variable's (depth, slot) valid.
 */
final class Scope {
    private final Scope up;
    private final Map<String, Integer> slots;

    private Scope(Scope up, Map<String, Integer> slots) {
        this.up = up;
        this.slots = slots;
    }

    static Scope global(Map<String, Integer> slots) {
        return new Scope(null, slots);
    }

    Scope bind(Map<String, Integer> names) {
        return new Scope(this, names);
    }

    Scope with() {
        return new Scope(this, null);
    }

    /** The variable as seen from this scope, or null if nothing binds it (not even a with). */
    Expr resolve(String name, Pos pos) {
        return resolve(name, pos, 0);
    }

    /** Resolves as from this scope, for an expression that will run {@code extraDepth} scopes further in. */
    Expr resolve(String name, Pos pos, int extraDepth) {
        List<Integer> withDepths = new ArrayList<>();
        int depth = extraDepth;
        for (Scope s = this; s != null; s = s.up, depth++) {
            if (s.slots == null) {
                withDepths.add(depth);
            } else {
                Integer slot = s.slots.get(name);
                if (slot != null) {
                    return new VarStatic(pos, name, depth, slot);
                }
            }
        }
        if (withDepths.isEmpty()) {
            return null;
        }
        return new VarWith(pos, name, withDepths.stream().mapToInt(Integer::intValue).toArray());
    }
}
