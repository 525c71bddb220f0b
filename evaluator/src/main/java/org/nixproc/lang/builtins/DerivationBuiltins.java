package org.nixproc.lang.builtins;

import java.util.Set;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.StoreAccess.BuiltDerivation;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * derivationStrict, which evaluates a derivation's attributes and has the store compute its
 * paths, and derivation, written in Nix on top of it ({@link #DERIVATION_NIX}).
 */
final class DerivationBuiltins {
    /** The name Nix 2.8 gives its derivation.nix in positions (it cannot be read, so no code is shown). */
    private static final String DERIVATION_ORIGIN = org.nixproc.lang.ast.Select.DERIVATION_NIX;

    /**
     * builtins.derivation: one attribute set per output, each holding the attributes given, every
     * output by name, all of them in a list, and its own outPath, drvPath and outputName; the
     * first output's set is the result. The parts sit at the lines and columns of Nix 2.8's
     * definition, which traces and unsafeGetAttrPos show.
     */
    static final String DERIVATION_NIX = """
            # builtins.derivation: derivationStrict computes the paths; this makes the set of each
            # output from them. Keep the layout: lines and columns of the calls and attributes
            # below are those Nix 2.8 reports for its own definition.

            drvAttrs@{ outputs ? [ "out" ], ... }:

            let

              paths  = derivationStrict drvAttrs;

              common = drvAttrs // builtins.listToAttrs outputList //
                { all = map (o: o.value) outputList;
                  inherit drvAttrs;
                };

              forOutput = outputName:
                { name = outputName;
                  value = common // {
                    outPath = builtins.getAttr outputName paths;
                    drvPath = paths.drvPath;
                    type = "derivation";
                    inherit outputName;
                  };
                };

              outputList  = map forOutput outputs;

            in (builtins.head outputList).value
            """;

    private DerivationBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("derivationStrict", 1, DerivationBuiltins::derivationStrict);
        r.lazyConstant("derivation",
                st -> st.eval(st.parse(new Source(DERIVATION_ORIGIN, DERIVATION_NIX, true), "/")));
    }

    private static Value derivationStrict(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[0], pos);
        int nameIndex = attrs.indexOf("name");
        if (nameIndex < 0) {
            throw AttrBuiltins.missingAttr("name", "derivationStrict", attrs, pos);
        }
        Pos namePos = attrs.position(nameIndex);
        String name;
        try {
            name = st.forceStringNoContext(attrs.value(nameIndex), pos).value();
        } catch (NixError e) {
            throw e.addTrace(namePos, "while evaluating the derivation attribute 'name'");
        }
        DerivationAttrs d = new DerivationAttrs(st, name, namePos, flag(st, attrs, "__structuredAttrs", pos));
        boolean ignoreNulls = flag(st, attrs, "__ignoreNulls", pos);
        for (int i = 0; i < attrs.size(); i++) {
            String key = attrs.name(i);
            if (key.equals("__ignoreNulls")) {
                continue;
            }
            try {
                if (ignoreNulls && attrs.value(i).force() == NixNull.NULL) {
                    continue;
                }
                d.add(key, attrs.value(i), attrs.position(i), pos);
            } catch (NixError e) {
                throw e.addTrace(namePos, "while evaluating the attribute '" + key + "' of the derivation '" + name + "'");
            }
        }
        BuiltDerivation built = st.store().addDerivation(d.spec(), namePos);
        NixAttrs.Builder b = new NixAttrs.Builder(built.outputPaths().size() + 1);
        b.put("drvPath", NixString.of(built.drvPath(), Set.of("=" + built.drvPath())));
        built.outputPaths().forEach((o, path) -> b.put(o, NixString.of(path, Set.of("!" + o + "!" + built.drvPath()))));
        return b.build();
    }

    private static boolean flag(EvalState st, NixAttrs attrs, String name, Pos pos) {
        Lazy v = attrs.get(name);
        return v != null && st.forceBool(v, pos);
    }
}
