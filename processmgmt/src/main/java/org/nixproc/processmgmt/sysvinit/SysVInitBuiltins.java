package org.nixproc.processmgmt.sysvinit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinProvider;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The sysvinit backend's builtins:
 * <ul>
 * <li>{@code builtins.createSystemVInitScript GLOBAL SCRIPT}: GLOBAL and SCRIPT are the option
 * sets of {@code <nixproc/backends/sysvinit/create-sysvinit-script.nix>}, which declares every
 * option with its default and hands them over fully defaulted (the shared settings with
 * {@code stdenv} resolved to its {@code shell}; the script's with {@code credentialsPackage}, what
 * createCredentials made of its credentials, or null); nothing is defaulted here. Gives a
 * derivation (builder {@code builtin:sysvinit-script}) whose output has
 * {@code etc/rc.d/init.d/NAME}, the {@code rcN.d} links and the credentials, and whose
 * {@code sequence} attribute is its start sequence number.</li>
 * <li>{@code builtins.createSystemVInitCredentials OPTIONS CREDENTIALS}: the credentials alone
 * ({@code dysnomia-support/}), as create-credentials/default.nix returns them.</li>
 * </ul>
 * {@code <nixproc/backends/sysvinit/create-sysvinit-script.nix>} and
 * {@code <nixproc/create-credentials>} are thin Nix files over these.
 */
public final class SysVInitBuiltins implements BuiltinProvider {
    static final List<String> GLOBAL_OPTIONS = List.of("shell", "initialInstructions", "startDaemon",
            "startProcessAsDaemon", "stopDaemon", "reloadDaemon", "evaluateCommand", "statusCommand", "runtimeDir",
            "logDir", "tmpDir", "restartActivity", "supportedRunlevels", "minSequence", "maxSequence",
            "forceDisableUserChange", "startCheckDelay", "readinessTimeout");
    static final List<String> SCRIPT_OPTIONS = List.of("name", "instanceName", "description", "globalInstructions",
            "umask", "nice", "directory", "path", "environment", "initialize", "process", "processIsDaemon",
            "enableDaemonOutputLogging", "args", "pidFile", "user", "reloadSignal", "instructions", "activities",
            "removeActivities", "runlevels", "defaultStart", "defaultStop", "dependencies", "credentials",
            "readiness", "postInstall", "credentialsPackage");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    @Override
    public void register(BuiltinRegistry r) {
        r.primop("__createSystemVInitScript", 2, (st, args, pos) -> createScript(st, args[0], args[1], pos));
        r.primop("__createSystemVInitCredentials", 2, (st, args, pos) -> createCredentials(st, args[0], args[1], pos));
    }

    /** Reads the values of one option set, collecting the string contexts of what it coerces. */
    static final class Args {
        final EvalState st;
        final NixAttrs attrs;
        final Pos pos;
        final Set<String> context;

        Args(EvalState st, NixAttrs attrs, Pos pos, Set<String> context) {
            this.st = st;
            this.attrs = attrs;
            this.pos = pos;
            this.context = context;
        }

        Lazy get(String n) {
            Lazy v = attrs.get(n);
            if (v == null) {
                throw new NixError("createSystemVInitScript: option '" + n + "' is missing", pos);
            }
            return v;
        }

        boolean isNull(String n) {
            return get(n).force() instanceof NixNull;
        }

        String str(Lazy l) {
            NixString s = st.coerceToString(l, pos, true, true);
            context.addAll(s.context());
            return s.value();
        }

        String str(String n) {
            return str(get(n));
        }

        /** The string, or null if the option is null. */
        String strOrNull(String n) {
            return isNull(n) ? null : str(get(n));
        }

        boolean bool(String n) {
            return st.forceBool(get(n), pos);
        }

        long integer(String n) {
            return st.forceInt(get(n), pos);
        }

        List<String> strings(String n) {
            List<String> out = new ArrayList<>();
            for (Lazy e : st.forceList(get(n), pos).elements()) {
                out.add(str(e));
            }
            return out;
        }

        List<Long> ints(String n) {
            List<Long> out = new ArrayList<>();
            for (Lazy e : st.forceList(get(n), pos).elements()) {
                out.add(st.forceInt(e, pos));
            }
            return out;
        }

        NixAttrs set(String n) {
            return st.forceAttrs(get(n), pos);
        }

        /** Refuses names not in {@code allowed}; a missing one is refused when it is read. */
        void checkNames(List<String> allowed, String what) {
            for (String n : attrs.names()) {
                if (!allowed.contains(n)) {
                    throw new NixError(what + " called with unexpected argument '" + n + "'", pos);
                }
            }
        }
    }

    private static Value createScript(EvalState st, Lazy globalArg, Lazy scriptArg, Pos pos) {
        Set<String> context = new LinkedHashSet<>();
        Args ga = new Args(st, st.forceAttrs(globalArg, pos), pos, context);
        Args sa = new Args(st, st.forceAttrs(scriptArg, pos), pos, context);
        ga.checkNames(GLOBAL_OPTIONS, "createSystemVInitScript");
        sa.checkNames(SCRIPT_OPTIONS, "createSystemVInitScript");

        boolean forceDisable = ga.bool("forceDisableUserChange");
        long minSeq = ga.integer("minSequence");
        long maxSeq = ga.integer("maxSequence");
        String startCheckDelay = ga.str("startCheckDelay");
        if (!SECONDS.matcher(startCheckDelay).matches()) {
            throw new NixError("createSystemVInitScript: startCheckDelay must be a number of seconds, not '"
                    + startCheckDelay + "'", pos);
        }
        ScriptGenerator.Global g = new ScriptGenerator.Global(ga.str("shell"), ga.str("initialInstructions"),
                ga.str("startDaemon"), ga.str("startProcessAsDaemon"), ga.str("stopDaemon"), ga.str("reloadDaemon"),
                ga.str("evaluateCommand"), ga.str("statusCommand"), ga.str("runtimeDir"), ga.str("logDir"),
                ga.str("tmpDir"), ga.str("restartActivity"), ga.ints("supportedRunlevels"), minSeq, maxSeq,
                forceDisable, startCheckDelay);

        String name = sa.strOrNull("name");
        if (name == null) {
            throw new NixError("No process name was specified or can be inferred!", pos);
        }
        if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains("\n")) {
            throw new NixError("createSystemVInitScript: invalid script name '" + name + "'", pos);
        }
        String user = sa.strOrNull("user");
        if (user != null && !CredentialFiles.validAccount(user)) {
            throw new NixError("createSystemVInitScript: invalid user name '" + user + "'", pos);
        }

        SortedMap<String, String> env = new TreeMap<>();
        NixAttrs envAttrs = sa.set("environment");
        for (int i = 0; i < envAttrs.size(); i++) {
            if (!ENV_NAME.matcher(envAttrs.name(i)).matches()) {
                throw new NixError("createSystemVInitScript: invalid environment variable name '" + envAttrs.name(i)
                        + "'", pos);
            }
            env.put(envAttrs.name(i), sa.str(envAttrs.value(i)));
        }
        SortedMap<String, ScriptGenerator.Instruction> instructions = new TreeMap<>();
        NixAttrs instrAttrs = sa.set("instructions");
        for (int i = 0; i < instrAttrs.size(); i++) {
            NixAttrs ia = st.forceAttrs(instrAttrs.value(i), pos);
            instructions.put(instrAttrs.name(i), new ScriptGenerator.Instruction(
                    ia.has("activity") ? sa.str(ia.get("activity")) : instrAttrs.name(i),
                    ia.has("instruction") ? sa.str(ia.get("instruction")) : ""));
        }
        SortedMap<String, String> activities = new TreeMap<>();
        NixAttrs actAttrs = sa.set("activities");
        for (int i = 0; i < actAttrs.size(); i++) {
            activities.put(actAttrs.name(i), sa.str(actAttrs.value(i)));
        }

        List<String> depNames = new ArrayList<>();
        List<String> depPaths = new ArrayList<>();
        long startSeq = minSeq;
        boolean anyDep = false;
        for (Lazy d : st.forceList(sa.get("dependencies"), pos).elements()) {
            NixAttrs dep = st.forceAttrs(d, pos);
            depNames.add(st.forceStringNoContext(dep.get("name") != null ? dep.get("name")
                    : NixString.of(""), pos).value());
            depPaths.add(sa.str(d));
            long seq = dep.has("sequence") ? st.forceInt(dep.get("sequence"), pos) : minSeq;
            startSeq = anyDep ? Math.max(startSeq, seq + 1) : seq + 1;
            anyDep = true;
        }
        long stopSeq = maxSeq - startSeq + minSeq;

        ScriptGenerator.Script s = new ScriptGenerator.Script(name, sa.strOrNull("instanceName"),
                sa.str("description"), sa.str("globalInstructions"), sa.strOrNull("umask"), sa.strOrNull("nice"),
                sa.strOrNull("directory"), sa.strings("path"), env, sa.str("initialize"), sa.strOrNull("process"),
                sa.bool("processIsDaemon"), sa.bool("enableDaemonOutputLogging"), sa.strings("args"),
                sa.strOrNull("pidFile"), user, sa.str("reloadSignal"), instructions,
                activities, sa.strings("removeActivities"), sa.ints("runlevels"),
                sa.ints("defaultStart"), sa.ints("defaultStop"), depNames, depPaths);
        ScriptGenerator gen = new ScriptGenerator(g, s);
        String text = gen.generate();

        Map<String, String> files = new LinkedHashMap<>();
        NixAttrs creds = sa.set("credentials");
        if (sa.isNull("credentialsPackage") && creds.size() > 0) {
            files.putAll(credentialFiles(st, creds, NixAttrs.empty(), forceDisable, pos));
        }
        if (!sa.isNull("readiness")) {
            files.put(Readiness.relative(name), readiness(st, sa.set("readiness"), ga.integer("readinessTimeout"), pos));
        }

        NixAttrs.Builder drv = new NixAttrs.Builder();
        drv.put("name", NixString.of(name));
        drv.put("system", st.global("__currentSystem"));
        drv.put("builder", NixString.of("builtin:sysvinit-script"));
        drv.put("scriptName", NixString.of(name));
        drv.put("script", NixString.of(text, Set.copyOf(context)));
        drv.put("startRunlevels", NixString.of(join(gen.startRunlevels())));
        drv.put("stopRunlevels", NixString.of(join(gen.stopRunlevels())));
        drv.put("startSequence", NixString.of(pad(startSeq)));
        drv.put("stopSequence", NixString.of(pad(stopSeq)));
        drv.put("sequence", NixInt.of(startSeq));
        if (forceDisable) {
            drv.put("forceDisableUserChange", NixBool.TRUE);
        }
        if (!sa.isNull("credentialsPackage")) {
            drv.put("credentialsSpec", st.coerceToString(sa.get("credentialsPackage"), pos, false, true));
        }
        if (!files.isEmpty()) {
            drv.put("supportFiles", NixString.of(SysVInitScriptBuilder.encode(files)));
        }
        String postInstall = sa.str("postInstall");
        if (!postInstall.isEmpty()) {
            drv.put("postInstall", NixString.of(postInstall, Set.copyOf(context)));
        }
        return st.call(st.forceFunction(st.global("derivation"), pos), drv.build(), pos);
    }

    /** The readiness file's text: port or command, and the timeout. */
    private static String readiness(EvalState st, NixAttrs r, long defaultTimeout, Pos pos) {
        for (String n : r.names()) {
            if (!List.of("port", "command", "timeout").contains(n)) {
                throw new NixError("createSystemVInitScript: readiness has unexpected attribute '" + n + "'", pos);
            }
        }
        if (r.has("port") == r.has("command")) {
            throw new NixError("createSystemVInitScript: readiness needs either port or command", pos);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        if (r.has("port")) {
            long port = st.forceInt(r.get("port"), pos);
            if (port < 1 || port > 65535) {
                throw new NixError("createSystemVInitScript: readiness port " + port + " is out of range", pos);
            }
            entries.put("port", Long.toString(port));
        } else {
            entries.put("command", st.forceString(r.get("command"), pos).value());
        }
        long timeout = r.has("timeout") ? st.forceInt(r.get("timeout"), pos) : defaultTimeout;
        if (timeout < 0) {
            throw new NixError("createSystemVInitScript: readiness timeout must not be negative", pos);
        }
        entries.put("timeout", Long.toString(timeout));
        return KeyValueFile.render(entries);
    }

    private static Value createCredentials(EvalState st, Lazy optionsArg, Lazy credentialsArg, Pos pos) {
        NixAttrs options = st.forceAttrs(optionsArg, pos);
        boolean forceDisable = options.has("forceDisableUserChange")
                && st.forceBool(options.get("forceDisableUserChange"), pos);
        NixAttrs ids = options.has("ids") ? st.forceAttrs(options.get("ids"), pos) : NixAttrs.empty();
        NixAttrs creds = st.forceAttrs(credentialsArg, pos);
        for (String n : creds.names()) {
            if (!n.equals("groups") && !n.equals("users")) {
                throw new NixError("createCredentials called with unexpected argument '" + n + "'", pos);
            }
        }
        NixAttrs.Builder drv = new NixAttrs.Builder();
        drv.put("name", NixString.of("credentials"));
        drv.put("system", st.global("__currentSystem"));
        drv.put("builder", NixString.of("builtin:sysvinit-script"));
        Map<String, String> files = credentialFiles(st, creds, ids, forceDisable, pos);
        if (!files.isEmpty()) {
            drv.put("supportFiles", NixString.of(SysVInitScriptBuilder.encode(files)));
        }
        if (forceDisable) {
            drv.put("forceDisableUserChange", NixBool.TRUE);
        }
        return st.call(st.forceFunction(st.global("derivation"), pos), drv.build(), pos);
    }

    /**
     * The files of {@code dysnomia-support/} by relative path ({@link CredentialFiles}): a file per
     * group and per user; with forceDisable no groups, and a user only to have its home made.
     */
    static Map<String, String> credentialFiles(EvalState st, NixAttrs creds, NixAttrs ids, boolean forceDisable,
            Pos pos) {
        Map<String, String> files = new LinkedHashMap<>();
        Args ca = new Args(st, creds, pos, new LinkedHashSet<>());
        NixAttrs groups = creds.has("groups") ? ca.set("groups") : NixAttrs.empty();
        NixAttrs users = creds.has("users") ? ca.set("users") : NixAttrs.empty();
        NixAttrs gids = ids.has("gids") ? st.forceAttrs(ids.get("gids"), pos) : NixAttrs.empty();
        NixAttrs uids = ids.has("uids") ? st.forceAttrs(ids.get("uids"), pos) : NixAttrs.empty();
        if (!forceDisable) {
            for (int i = 0; i < groups.size(); i++) {
                files.put(path(CredentialFiles.GROUPS, groups.name(i), pos),
                        declaration(ca, groups.name(i), st.forceAttrs(groups.value(i), pos), "gid", gids, pos));
            }
        }
        for (int i = 0; i < users.size(); i++) {
            NixAttrs user = st.forceAttrs(users.value(i), pos);
            String text;
            if (!forceDisable) {
                text = declaration(ca, users.name(i), user, "uid", uids, pos);
            } else if (user.has("createHomeDir") && st.forceBool(user.get("createHomeDir"), pos) && user.has("homeDir")) {
                // Accounts stay untouched, but a wanted home directory is still made.
                text = KeyValueFile.render(Map.of("homeDir", ca.str(user.get("homeDir")))) + "createHomeDir=1\ncreateHomeDirOnly=1\n";
            } else {
                continue;
            }
            files.put(path(CredentialFiles.USERS, users.name(i), pos), text);
        }
        return files;
    }

    // A declaration: the id from `ids` first unless given, then the properties in alphabetical order.
    private static String declaration(Args ca, String name, NixAttrs props, String idKey, NixAttrs ids, Pos pos) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!props.has(idKey) && ids.has(name)) {
            p.put(idKey, ca.str(ids.get(name)));
        }
        for (int j = 0; j < props.size(); j++) {
            p.put(props.name(j), ca.str(props.value(j)));
        }
        try {
            return CredentialFiles.render(p);
        } catch (IllegalArgumentException e) {
            throw new NixError("createCredentials: " + e.getMessage() + " of '" + name + "'", pos);
        }
    }

    private static String path(String kind, String name, Pos pos) {
        try {
            return CredentialFiles.DIR + "/" + CredentialFiles.relative(kind, name);
        } catch (IllegalArgumentException e) {
            throw new NixError("createCredentials: " + e.getMessage(), pos);
        }
    }

    private static String join(List<Long> l) {
        return String.join(" ", l.stream().map(String::valueOf).toList());
    }

    static String pad(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
