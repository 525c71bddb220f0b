package org.nixproc.lang.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.parse.NixSyntax;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixFunction;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.PrimOp;
import org.nixproc.lang.value.PrimOpApp;
import org.nixproc.lang.value.Value;

/**
 * One evaluation: its options, global scope, parsed and imported files, and the operations every
 * part of the evaluator shares (calling functions, forcing values to a type, coercing to strings).
 */
public final class EvalState {
    private final EvalOptions options;
    private final Env baseEnv;
    private final Map<String, Integer> globalSlots = new HashMap<>();
    private final Map<String, Value> importCache = new HashMap<>();
    private final Map<String, Expr> parseCache = new HashMap<>();
    private java.io.PrintStream traceOutput = new java.io.PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true, java.nio.charset.StandardCharsets.ISO_8859_1);

    /**
     * The builtin providers, found once: they hold no state, and looking them up again was half
     * of making a state, which the resident JVM does for every command.
     */
    private static final List<BuiltinProvider> PROVIDERS = providers();

    private static List<BuiltinProvider> providers() {
        List<BuiltinProvider> found = new ArrayList<>();
        ServiceLoader.load(BuiltinProvider.class, EvalState.class.getClassLoader()).forEach(found::add);
        return List.copyOf(found);
    }

    public EvalState(EvalOptions options) {
        this.options = options;
        BuiltinRegistry registry = new BuiltinRegistry(this);
        for (BuiltinProvider p : PROVIDERS) {
            p.register(registry);
        }
        Map<String, Lazy> globals = registry.globals();
        NixAttrs.Builder builtins = new NixAttrs.Builder(globals.size() + 1);
        List<Lazy> slots = new ArrayList<>();
        for (Map.Entry<String, Lazy> g : globals.entrySet()) {
            globalSlots.put(g.getKey(), slots.size());
            slots.add(g.getValue());
            builtins.put(BuiltinRegistry.builtinName(g.getKey()), g.getValue());
        }
        Lazy[] holder = new Lazy[1];
        builtins.put("builtins", new org.nixproc.lang.value.Thunk() {
            @Override
            protected Value compute() {
                return holder[0].force();
            }

            @Override
            protected void release() {
            }
        });
        holder[0] = builtins.build();
        globalSlots.put("builtins", slots.size());
        slots.add(holder[0]);
        this.baseEnv = new Env(this, slots.toArray(new Lazy[0]));
    }

    public EvalOptions options() {
        return options;
    }

    public boolean showTrace() {
        return options.showTrace();
    }

    /** Where builtins.trace writes (standard error). */
    public java.io.PrintStream traceOutput() {
        return traceOutput;
    }

    public void traceOutput(java.io.PrintStream out) {
        traceOutput = out;
    }

    public StoreAccess store() {
        return options.store();
    }

    public String homeDir() {
        String home = options.environment().get("HOME");
        return home == null ? "/" : Bytes.fromJava(home);
    }

    /** The value of a global name (builtins, map, ...), or null. */
    public Lazy global(String name) {
        Integer slot = globalSlots.get(name);
        return slot == null ? null : baseEnv.slots[slot];
    }

    // ---- parsing and evaluating sources

    public Expr parse(Source source, String baseDir) {
        return NixSyntax.parse(source, baseDir, globalSlots, Map.of(), homeDir());
    }

    /** builtins.scopedImport: a file evaluated with a set's attributes as extra variables. */
    public Value evalFileScoped(String path, NixAttrs scope, Pos pos) {
        String file = resolveFile(path, pos);
        String text;
        try {
            text = Bytes.readFile(Bytes.path(file));
        } catch (IOException e) {
            throw new NixError("opening file '" + file + "': " + IoErrors.reason(e), pos);
        }
        Map<String, Integer> slots = new HashMap<>();
        Lazy[] values = new Lazy[scope.size()];
        for (int i = 0; i < scope.size(); i++) {
            slots.put(scope.name(i), i);
            values[i] = scope.value(i);
        }
        Expr e = NixSyntax.parse(new Source(file, text, true), Paths.dirOf(file), globalSlots, slots, homeDir());
        return e.eval(new Env(baseEnv, values));
    }

    public Value eval(Expr expr) {
        return expr.eval(baseEnv);
    }

    /** An expression of the global scope, not evaluated yet. */
    public Lazy lazy(Expr expr) {
        return expr.lazy(baseEnv);
    }

    /** Where the files Nix carries inside itself (<nix/fetchurl.nix>) appear to live. */
    public static final String COREPKGS = "/__corepkgs__/";

    /** Parses a file (cached by path); a directory means its default.nix. */
    public Expr parseFile(String path, Pos pos) {
        String file = path.startsWith(COREPKGS) ? path : resolveFile(path, pos);
        Expr cached = parseCache.get(file);
        if (cached != null) {
            return cached;
        }
        String text;
        try {
            text = file.startsWith(COREPKGS) ? corepkg(file) : Bytes.readFile(Bytes.path(file));
        } catch (IOException e) {
            throw new NixError("opening file '" + file + "': " + IoErrors.reason(e), pos);
        }
        Expr e = parse(new Source(file, text, true), Paths.dirOf(file));
        parseCache.put(file, e);
        return e;
    }

    private static String corepkg(String file) throws IOException {
        try (java.io.InputStream in = EvalState.class.getResourceAsStream(
                "/org/nixproc/lang/corepkgs/" + file.substring(COREPKGS.length()))) {
            if (in == null) {
                throw new NoSuchFileException(file);
            }
            return Bytes.fromArray(in.readAllBytes());
        }
    }

    /** Whether Nix carries the file {@code nix/NAME} inside itself. */
    public static boolean hasCorepkg(String name) {
        return EvalState.class.getResource("/org/nixproc/lang/corepkgs/" + name) != null;
    }

    /** builtins.import: evaluates a file once per path. */
    public Value evalFile(String path, Pos pos) {
        String file = path.startsWith(COREPKGS) ? path : resolveFile(path, pos);
        Value v = importCache.get(file);
        if (v == null) {
            v = eval(parseFile(file, pos));
            importCache.put(file, v);
        }
        return v;
    }

    private String resolveFile(String path, Pos pos) {
        Path p = Bytes.path(path);
        if (Files.isDirectory(p)) {
            return Paths.canonical(path + "/default.nix");
        }
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new NixError("getting status of '" + path + "': No such file or directory", Pos.NONE);
        }
        return path;
    }

    // ---- calling functions

    public Value call(Value f, Lazy arg, Pos pos) {
        if (f instanceof Lambda l) {
            return callLambda(l, arg, pos);
        }
        return call(f, new Lazy[] {arg}, pos);
    }

    public Value call(Value f, Lazy[] args, Pos pos) {
        int i = 0;
        while (true) {
            int remaining = args.length - i;
            if (f instanceof Lambda l) {
                f = callLambda(l, args[i], pos);
                i++;
            } else if (f instanceof PrimOp p) {
                if (remaining < p.arity()) {
                    return new PrimOpApp(p, java.util.Arrays.copyOfRange(args, i, args.length));
                }
                Lazy[] a = i == 0 && remaining == p.arity() ? args : java.util.Arrays.copyOfRange(args, i, i + p.arity());
                f = callPrimOp(p, a, pos);
                i += p.arity();
            } else if (f instanceof PrimOpApp app) {
                PrimOp p = app.primOp();
                int have = app.args().length;
                int need = p.arity() - have;
                int take = Math.min(need, remaining);
                Lazy[] a = java.util.Arrays.copyOf(app.args(), have + take);
                System.arraycopy(args, i, a, have, take);
                i += take;
                if (take < need) {
                    return new PrimOpApp(p, a);
                }
                f = callPrimOp(p, a, pos);
            } else if (f instanceof NixAttrs attrs && attrs.has("__functor")) {
                Value functor = attrs.get("__functor").force();
                f = call(functor, new Lazy[] {attrs, args[i]}, pos);
                i++;
            } else {
                throw new NixError("attempt to call something which is not a function but " + f.describe(), pos);
            }
            if (i == args.length) {
                return f;
            }
        }
    }

    private Value callPrimOp(PrimOp p, Lazy[] args, Pos pos) {
        return p.impl().apply(this, args, pos);
    }

    /**
     * How deeply function calls may nest. Nix's stack ends recursion at 60,000-80,000 calls of
     * an ordinary recursive function; ours would go on for millions, deeper and ever slower to
     * collect, before overflowing: infinite recursion ended after 10 s and 2 GB.
     */
    static final int MAX_CALL_DEPTH = 100_000;

    private int callDepth;

    public Value callLambda(Lambda lambda, Lazy arg, Pos pos) {
        // Every long evaluation calls functions: checking here lets a stopped one end soon.
        Interruption.check();
        if (callDepth == MAX_CALL_DEPTH) {
            throw new StackOverflowError("function calls nested " + MAX_CALL_DEPTH + " deep");
        }
        org.nixproc.lang.ast.LambdaExpr e = lambda.expr();
        Env env = new Env(lambda.env(), e.slotCount());
        if (!e.hasFormals()) {
            env.slots[0] = arg;
        } else {
            bindFormals(e, env, arg, pos);
        }
        callDepth++;
        try {
            return e.body().eval(env);
        } catch (NixError err) {
            if (!showTrace()) {
                throw err;
            }
            throw err.addTrace(e.pos(), "while evaluating " + (e.name() != null ? "'" + e.name() + "'" : "anonymous lambda"))
                    .addTrace(pos, "from call site");
        } finally {
            callDepth--;
        }
    }

    private void bindFormals(org.nixproc.lang.ast.LambdaExpr e, Env env, Lazy arg, Pos pos) {
        if (e.arg() != null) {
            env.slots[0] = arg;
        }
        NixAttrs attrs = forceAttrs(arg.force(), pos);
        int base = e.formalsBase();
        int used = 0;
        org.nixproc.lang.ast.Formal[] formals = e.formals();
        for (int k = 0; k < formals.length; k++) {
            Lazy v = attrs.get(formals[k].name());
            if (v != null) {
                used++;
                env.slots[base + k] = v;
            } else if (formals[k].defaultValue() != null) {
                env.slots[base + k] = formals[k].defaultValue().lazy(env);
            } else {
                throw new NixError(functionName(e) + " called without required argument '"
                        + formals[k].name() + "'", pos);
            }
        }
        if (!e.ellipsis() && used != attrs.size()) {
            for (int i = 0; i < attrs.size(); i++) {
                String name = attrs.name(i);
                boolean known = false;
                for (org.nixproc.lang.ast.Formal f : formals) {
                    known |= f.name().equals(name);
                }
                if (!known) {
                    List<String> formalNames = new ArrayList<>();
                    for (org.nixproc.lang.ast.Formal f : formals) {
                        formalNames.add(f.name());
                    }
                    throw new NixError(functionName(e) + " called with unexpected argument '" + name + "'", pos,
                            Suggestions.didYouMean(name, formalNames));
                }
            }
        }
    }

    private static String functionName(org.nixproc.lang.ast.LambdaExpr e) {
        Pos p = e.pos();
        return e.describe() + " at " + p.source().shortOrigin() + ":" + p.line() + ":" + p.column();
    }

    // ---- forcing to a type

    public NixError typeError(Value v, String expected, Pos pos) {
        return new NixError("value is " + v.describe() + " while " + expected + " was expected", pos);
    }

    public long forceInt(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixInt i) {
            return i.value();
        }
        throw typeError(v, "an integer", pos);
    }

    /** A float, or an integer converted to one. */
    public double forceFloat(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixFloat f) {
            return f.value();
        }
        if (v instanceof NixInt i) {
            return i.value();
        }
        throw typeError(v, "a float", pos);
    }

    public boolean forceBool(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixBool b) {
            return b.value();
        }
        throw typeError(v, "a Boolean", pos);
    }

    public NixAttrs forceAttrs(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixAttrs a) {
            return a;
        }
        throw typeError(v, "a set", pos);
    }

    public NixList forceList(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixList a) {
            return a;
        }
        throw typeError(v, "a list", pos);
    }

    public NixFunction forceFunction(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixFunction f) {
            return f;
        }
        if (v instanceof NixAttrs a && a.has("__functor")) {
            return null;
        }
        throw typeError(v, "a function", pos);
    }

    public NixString forceString(Lazy l, Pos pos) {
        Value v = l.force();
        if (v instanceof NixString s) {
            return s;
        }
        throw typeError(v, "a string", pos);
    }

    public NixString forceStringNoContext(Lazy l, Pos pos) {
        NixString s = forceString(l, pos);
        if (s.hasContext()) {
            throw new NixError("the string '" + s.value() + "' is not allowed to refer to a store path (such as '"
                    + Collections.min(s.context()) + "')", pos);
        }
        return s;
    }

    /** Forces a value and everything inside it (--strict, deepSeq); cycles are visited once. */
    public void forceDeep(Lazy l) {
        forceDeep(l, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private void forceDeep(Lazy l, Set<Value> seen) {
        Value v = l.force();
        if ((v instanceof NixList || v instanceof NixAttrs) && !seen.add(v)) {
            return;
        }
        if (v instanceof NixList list) {
            for (Lazy e : list.elements()) {
                forceDeep(e, seen);
            }
        } else if (v instanceof NixAttrs attrs) {
            for (int i = 0; i < attrs.size(); i++) {
                try {
                    forceDeep(attrs.value(i), seen);
                } catch (NixError e) {
                    throw e.addTrace(attrs.position(i), "while evaluating the attribute '" + attrs.name(i) + "'");
                }
            }
        }
    }

    // ---- coercions

    public boolean isDerivation(NixAttrs attrs) {
        Lazy t = attrs.get("type");
        return t != null && t.force() instanceof NixString s && s.value().equals("derivation");
    }

    /**
     * Nix's coerceToString: strings as they are; paths as they are or copied to the store; sets
     * through __toString or outPath; and with coerceMore (toString) also numbers, Booleans, null and lists.
     */
    public NixString coerceToString(Lazy l, Pos pos, boolean coerceMore, boolean copyToStore) {
        Value v = l.force();
        if (v instanceof NixString s) {
            return s;
        }
        if (v instanceof NixPath p) {
            if (copyToStore) {
                String storePath = store().copyPathToStore(p.path(), pos);
                return NixString.of(storePath, Set.of(storePath));
            }
            return NixString.of(p.path());
        }
        if (v instanceof NixAttrs attrs) {
            Lazy toString = attrs.get("__toString");
            if (toString != null) {
                Value r = call(toString.force(), attrs, pos);
                return coerceToString(r, pos, coerceMore, copyToStore);
            }
            Lazy outPath = attrs.get("outPath");
            if (outPath != null) {
                return coerceToString(outPath.force(), pos, coerceMore, copyToStore);
            }
        }
        if (coerceMore) {
            if (v instanceof NixInt i) {
                return NixString.of(Long.toString(i.value()));
            }
            if (v instanceof NixFloat f) {
                return NixString.of(String.format(java.util.Locale.ROOT, "%.6f", f.value()));
            }
            if (v == NixBool.TRUE) {
                return NixString.of("1");
            }
            if (v == NixBool.FALSE || v == NixNull.NULL) {
                return NixString.EMPTY;
            }
            if (v instanceof NixList list) {
                StringBuilder sb = new StringBuilder();
                org.nixproc.lang.value.ContextBuilder ctx = new org.nixproc.lang.value.ContextBuilder();
                for (int n = 0; n < list.size(); n++) {
                    Value e = list.get(n).force();
                    NixString s = coerceToString(e, pos, true, copyToStore);
                    sb.append(s.value());
                    ctx.add(s.context());
                    if (n < list.size() - 1 && !(e instanceof NixList sub && sub.size() == 0)) {
                        sb.append(' ');
                    }
                }
                return NixString.of(sb.toString(), ctx.build());
            }
        }
        throw new NixError("cannot coerce " + v.describe() + " to a string", pos);
    }

    /**
     * The path a builtin that reads files (import, readFile, readDir, ...) is given: a path, or a
     * string naming an absolute path.
     */
    public String realisePath(Lazy v, Pos pos) {
        NixString s;
        try {
            s = coerceToString(v, pos, false, false);
            if (s.value().isEmpty() || s.value().charAt(0) != '/') {
                throw new NixError("string '" + s.value() + "' doesn't represent an absolute path", pos);
            }
        } catch (NixError e) {
            throw e.addTrace(pos, "while realising the context of a path");
        }
        try {
            store().realiseContext(s.context(), pos);
        } catch (NixError e) {
            throw e.addTrace(pos, "while realising the context of path '" + s.value() + "'");
        }
        return s.value();
    }

    /** The set { file, line, column } of __curPos and unsafeGetAttrPos. */
    public Value positionAttrs(Pos pos) {
        if (!pos.isKnown()) {
            return NixNull.NULL;
        }
        return new NixAttrs.Builder(3)
                .put("column", NixInt.of(pos.column()))
                .put("file", NixString.of(pos.source().origin()))
                .put("line", NixInt.of(pos.line()))
                .build();
    }
}
