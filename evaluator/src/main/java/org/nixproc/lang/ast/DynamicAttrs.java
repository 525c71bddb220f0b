package org.nixproc.lang.ast;

import java.util.HashMap;
import java.util.Map;
import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.Value;

/** Adds the attributes with computed names to a set literal's static ones. */
final class DynamicAttrs {
    private DynamicAttrs() {
    }

    static NixAttrs add(NixAttrs statics, DynamicAttr[] dynamic, Env env) {
        NixAttrs.Builder b = new NixAttrs.Builder(statics.size() + dynamic.length);
        Map<String, Pos> defined = new HashMap<>();
        for (int i = 0; i < statics.size(); i++) {
            b.put(statics.name(i), statics.value(i), statics.position(i));
            defined.put(statics.name(i), statics.position(i));
        }
        for (DynamicAttr d : dynamic) {
            Value n = d.name().eval(env);
            if (n == NixNull.NULL) {
                continue;
            }
            String name = env.state.forceStringNoContext(n, Pos.NONE).value();
            Pos earlier = defined.putIfAbsent(name, d.pos());
            if (earlier != null) {
                throw new NixError("dynamic attribute '" + name + "' already defined at " + earlier, d.pos());
            }
            b.put(name, d.value().lazy(env), d.pos());
        }
        return b.build();
    }
}
