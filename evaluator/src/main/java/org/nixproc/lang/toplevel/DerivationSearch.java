package org.nixproc.lang.toplevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;

/**
 * Nix's getDerivations, which nix-instantiate and nix-build share: after auto-calling a value
 * (with the --arg/--argstr values, or none so that the defaults apply), a derivation is taken; in a set, each attribute (in name order, names like identifiers only)
 * that is a derivation, and the derivations inside those non-derivation sets that say
 * {@code recurseForDerivations = true}; in a list, each element, searched the same way.
 * Anything else is an error. The same derivation (set) is taken once.
 */
public final class DerivationSearch {
    private static final Pattern ATTR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_+-]*");

    /** A derivation found: its .drv path, the output it stands for, and that output's path (Java strings). */
    public record Found(String drvPath, String outputName, String outPath) {
    }

    private final EvalState st;
    private final UnaryOperator<Value> autoCall;
    private final Set<NixAttrs> done = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Found> found = new ArrayList<>();

    private DerivationSearch(EvalState st, UnaryOperator<Value> autoCall) {
        this.st = st;
        this.autoCall = autoCall;
    }

    /**
     * The derivations in the values, each value (and each list element searched) first given to
     * {@code autoCall} (see {@link AutoArgs#autoCall}).
     */
    public static List<Found> find(EvalState st, UnaryOperator<Value> autoCall, List<Value> values) {
        DerivationSearch s = new DerivationSearch(st, autoCall);
        for (Value v : values) {
            s.search(v);
        }
        return s.found;
    }

    private void search(Value vIn) {
        Value v = autoCall.apply(vIn);
        if (take(v)) {
            return;
        }
        if (v instanceof NixAttrs attrs) {
            for (int i = 0; i < attrs.size(); i++) {
                if (!ATTR_NAME.matcher(attrs.name(i)).matches()) {
                    continue;
                }
                Value a = attrs.value(i).force();
                if (!take(a) && a instanceof NixAttrs sub) {
                    Lazy r = sub.get("recurseForDerivations");
                    if (r != null && st.forceBool(r, Pos.NONE)) {
                        search(a);
                    }
                }
            }
        } else if (v instanceof NixList list) {
            for (int i = 0; i < list.size(); i++) {
                Value e = list.get(i).force();
                if (!take(e)) {
                    search(e);
                }
            }
        } else {
            throw new NixError("expression does not evaluate to a derivation (or a set or list of those)", Pos.NONE);
        }
    }

    /** Whether v is a derivation (then taken, unless it was already). */
    private boolean take(Value v) {
        if (!(v instanceof NixAttrs attrs) || !st.isDerivation(attrs)) {
            return false;
        }
        if (!done.add(attrs)) {
            return true;
        }
        Lazy name = attrs.get("name");
        if (name == null) {
            throw new NixError("derivation name missing", Pos.NONE);
        }
        st.forceString(name, Pos.NONE);
        Lazy drvPath = attrs.get("drvPath");
        if (drvPath == null) {
            throw new NixError("derivation does not contain a 'drvPath' attribute", Pos.NONE);
        }
        String drv = Bytes.toJava(st.coerceToString(drvPath, Pos.NONE, false, false).value());
        Lazy outputName = attrs.get("outputName");
        String output = outputName == null ? "" : Bytes.toJava(st.forceStringNoContext(outputName, Pos.NONE).value());
        if (output.isEmpty()) {
            throw new NixError("derivation '" + Bytes.fromJava(drv) + "' lacks an 'outputName' attribute", Pos.NONE);
        }
        Lazy outPath = attrs.get("outPath");
        if (outPath == null) {
            throw new NixError("derivation does not contain a 'outPath' attribute", Pos.NONE);
        }
        String path = Bytes.toJava(st.coerceToString(outPath, Pos.NONE, false, false).value());
        found.add(new Found(drv, output, path));
        return true;
    }
}
