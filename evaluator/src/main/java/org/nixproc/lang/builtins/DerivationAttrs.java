package org.nixproc.lang.builtins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringTokenizer;
import java.util.TreeMap;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.StoreAccess.DerivationSpec;
import org.nixproc.lang.print.JsonPrinter;
import org.nixproc.lang.value.ContextBuilder;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixString;

/**
 * The attributes of one derivation as derivationStrict gathers them, one at a time and in
 * order: args become the builder's arguments; every other attribute goes into the environment as
 * a string, or with __structuredAttrs into one JSON object (__json); builder, system, outputs and
 * the outputHash attributes are also taken apart. The string contexts of all of them are
 * collected: they name the derivation's inputs. Errors are at the position of the name attribute,
 * or of the attribute itself where Nix puts them there.
 */
final class DerivationAttrs {
    private final EvalState st;
    private final String name;
    private final Pos namePos;
    private final boolean structured;
    private final StringBuilder json = new StringBuilder("{");
    private final List<String> args = new ArrayList<>();
    private final SortedMap<String, String> env = new TreeMap<>();
    private final ContextBuilder context = new ContextBuilder();
    private Set<String> outputs = Set.of("out");
    private String builder = "";
    private String platform = "";
    private String outputHash;
    private String outputHashAlgo = "";
    private boolean recursive;

    DerivationAttrs(EvalState st, String name, Pos namePos, boolean structured) {
        this.st = st;
        this.name = name;
        this.namePos = namePos;
        this.structured = structured;
    }

    /** One attribute, at attrPos; pos is the call of derivationStrict. */
    void add(String key, Lazy value, Pos attrPos, Pos pos) {
        switch (key) {
            case "__contentAddressed" -> experimental(st.forceBool(value, pos), "ca-derivations");
            case "__impure" -> experimental(st.forceBool(value, pos), "impure-derivations");
            case "args" -> {
                for (Lazy e : st.forceList(value, pos).elements()) {
                    args.add(coerce(e, namePos));
                }
            }
            default -> {
                if (structured) {
                    addJson(key, value, pos);
                } else {
                    addEnv(key, value, attrPos);
                }
            }
        }
    }

    private static void experimental(boolean on, String feature) {
        if (on) {
            throw new NixError("experimental Nix feature '" + feature + "' is disabled; use "
                    + "'--extra-experimental-features " + feature + "' to override", Pos.NONE);
        }
    }

    private String coerce(Lazy v, Pos at) {
        NixString s = st.coerceToString(v, at, true, true);
        context.add(s.context());
        return s.value();
    }

    /** Without structured attributes every attribute is passed as a string in the environment. */
    private void addEnv(String key, Lazy value, Pos attrPos) {
        String s = coerce(value, attrPos);
        env.put(key, s);
        switch (key) {
            case "builder" -> builder = s;
            case "system" -> platform = s;
            case "outputHash" -> outputHash = s;
            case "outputHashAlgo" -> outputHashAlgo = s;
            case "outputHashMode" -> hashMode(s);
            case "outputs" -> outputs(words(s));
            default -> {
            }
        }
    }

    /** With structured attributes everything goes into one JSON object, __json. */
    private void addJson(String key, Lazy value, Pos pos) {
        if (key.equals("__structuredAttrs")) {
            return;
        }
        NixString v = JsonPrinter.toJson(st, value, pos);
        context.add(v.context());
        json.append(json.length() > 1 ? "," : "").append(JsonPrinter.toJson(st, NixString.of(key), pos).value())
                .append(':').append(v.value());
        switch (key) {
            case "builder" -> {
                NixString s = st.forceString(value, namePos);
                context.add(s.context());
                builder = s.value();
            }
            case "system" -> platform = st.forceStringNoContext(value, namePos).value();
            case "outputHash" -> outputHash = st.forceStringNoContext(value, namePos).value();
            case "outputHashAlgo" -> outputHashAlgo = st.forceStringNoContext(value, namePos).value();
            case "outputHashMode" -> hashMode(st.forceStringNoContext(value, namePos).value());
            case "outputs" -> {
                NixList list = st.forceList(value, namePos);
                List<String> names = new ArrayList<>();
                for (Lazy e : list.elements()) {
                    names.add(st.forceStringNoContext(e, namePos).value());
                }
                outputs(names);
            }
            default -> {
            }
        }
    }

    /** The words of a string separated by spaces, tabs and newlines, as Nix's tokenizeString splits. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (StringTokenizer t = new StringTokenizer(s, " \t\n\r"); t.hasMoreTokens(); ) {
            out.add(t.nextToken());
        }
        return out;
    }

    private void hashMode(String mode) {
        switch (mode) {
            case "recursive" -> recursive = true;
            case "flat" -> recursive = false;
            default -> throw new NixError("invalid value '" + mode + "' for 'outputHashMode' attribute", namePos);
        }
    }

    private void outputs(List<String> names) {
        Set<String> set = new LinkedHashSet<>();
        for (String o : names) {
            if (!set.add(o)) {
                throw new NixError("duplicate derivation output '" + o + "'", namePos);
            }
            if (o.equals("drv")) {
                throw new NixError("invalid derivation output name 'drv'", namePos);
            }
        }
        if (set.isEmpty()) {
            throw new NixError("derivation cannot have an empty set of outputs", namePos);
        }
        outputs = set;
    }

    /** Everything gathered, for the store. */
    DerivationSpec spec() {
        if (structured) {
            env.put("__json", json.append('}').toString());
        }
        return new DerivationSpec(name, builder, platform, args, env, outputs, outputHash, outputHashAlgo,
                recursive, context.build());
    }
}
