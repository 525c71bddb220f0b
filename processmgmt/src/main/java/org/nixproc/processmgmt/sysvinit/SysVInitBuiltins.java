package org.nixproc.processmgmt.sysvinit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * <li>{@code builtins.createSystemVInitScript GLOBAL SCRIPT}: GLOBAL is the argument set of
 * nix-processmgmt's create-sysvinit-script.nix (runtimeDir, initFunctions, daemon, ...), SCRIPT
 * that of the function it returns (name, process, activities, dependencies, ...). Gives a
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
    static final List<String> GLOBAL_ARGS = List.of("stdenv", "lib", "writeTextFile", "daemon", "initFunctions",
            "createCredentials", "initialInstructions", "startDaemon", "startProcessAsDaemon", "stopDaemon",
            "reloadDaemon", "evaluateCommand", "statusCommand", "runtimeDir", "logDir", "tmpDir", "restartActivity",
            "supportedRunlevels", "minSequence", "maxSequence", "forceDisableUserChange");
    static final List<String> SCRIPT_ARGS = List.of("name", "instanceName", "description", "globalInstructions",
            "umask", "nice", "directory", "path", "environment", "initialize", "process", "processIsDaemon",
            "enableDaemonOutputLogging", "args", "pidFile", "user", "reloadSignal", "instructions", "activities",
            "removeActivities", "runlevels", "defaultStart", "defaultStop", "dependencies", "credentials",
            "postInstall");
    static final String DEFAULT_RESTART = "$0 stop\nsleep 1\n$0 start\n";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public void register(BuiltinRegistry r) {
        r.primop("__createSystemVInitScript", 2, (st, args, pos) -> createScript(st, args[0], args[1], pos));
        r.primop("__createSystemVInitCredentials", 2, (st, args, pos) -> createCredentials(st, args[0], args[1], pos));
    }

    /** Reads the values of one argument set, collecting the string contexts of what it coerces. */
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

        boolean has(String n) {
            return attrs.has(n);
        }

        Value value(String n) {
            return attrs.get(n).force();
        }

        String str(Lazy l) {
            NixString s = st.coerceToString(l, pos, true, true);
            context.addAll(s.context());
            return s.value();
        }

        String str(String n, String dflt) {
            return has(n) ? str(attrs.get(n)) : dflt;
        }

        /** The string, or null if absent or null. */
        String strOrNull(String n) {
            if (!has(n) || value(n) instanceof NixNull) {
                return null;
            }
            return str(attrs.get(n));
        }

        boolean bool(String n, boolean dflt) {
            return has(n) ? st.forceBool(attrs.get(n), pos) : dflt;
        }

        long integer(String n, long dflt) {
            return has(n) ? st.forceInt(attrs.get(n), pos) : dflt;
        }

        List<String> strings(String n) {
            List<String> out = new ArrayList<>();
            if (has(n)) {
                NixList l = st.forceList(attrs.get(n), pos);
                for (Lazy e : l.elements()) {
                    out.add(str(e));
                }
            }
            return out;
        }

        List<Long> ints(String n, List<Long> dflt) {
            if (!has(n)) {
                return dflt;
            }
            List<Long> out = new ArrayList<>();
            for (Lazy e : st.forceList(attrs.get(n), pos).elements()) {
                out.add(st.forceInt(e, pos));
            }
            return out;
        }

        NixAttrs set(String n) {
            return has(n) ? st.forceAttrs(attrs.get(n), pos) : NixAttrs.empty();
        }

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
        ga.checkNames(GLOBAL_ARGS, "createSystemVInitScript");
        sa.checkNames(SCRIPT_ARGS, "createSystemVInitScript");

        String shell = "/bin/bash";
        if (ga.has("stdenv") && !(ga.value("stdenv") instanceof NixNull)) {
            NixAttrs stdenv = st.forceAttrs(ga.attrs.get("stdenv"), pos);
            if (stdenv.has("shell")) {
                shell = ga.str(stdenv.get("shell"));
            }
        }
        String initial = ga.has("initialInstructions") ? ga.str(ga.attrs.get("initialInstructions")) : null;
        if (initial == null) {
            if (!ga.has("initFunctions")) {
                throw new NixError("createSystemVInitScript: either initFunctions or initialInstructions must be given", pos);
            }
            initial = ". " + ShellQuote.quote(ga.str(ga.attrs.get("initFunctions")));
        }
        String daemonCmd = ga.has("startProcessAsDaemon") ? ga.str(ga.attrs.get("startProcessAsDaemon"))
                : ga.has("daemon") && !(ga.value("daemon") instanceof NixNull)
                        ? ShellQuote.quote(ga.str(ga.attrs.get("daemon")) + "/bin/daemon") : "daemon";
        boolean forceDisable = ga.bool("forceDisableUserChange", false);
        String runtimeDir = ga.str("runtimeDir", "/var/run");
        long minSeq = ga.integer("minSequence", 0);
        long maxSeq = ga.integer("maxSequence", 99);
        ScriptGenerator.Global g = new ScriptGenerator.Global(shell, initial,
                ga.str("startDaemon", "start_daemon"), daemonCmd, ga.str("stopDaemon", "killproc"),
                ga.str("reloadDaemon", "killproc"), ga.str("evaluateCommand", "evaluate_retval"),
                ga.str("statusCommand", "statusproc"), runtimeDir, ga.str("logDir", defaultLogDir(runtimeDir)),
                ga.str("tmpDir", "/tmp"), ga.str("restartActivity", DEFAULT_RESTART),
                ga.ints("supportedRunlevels", List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L)), minSeq, maxSeq, forceDisable);

        String instanceName = sa.strOrNull("instanceName");
        String name = sa.has("name") ? sa.strOrNull("name") : instanceName;
        if (name == null) {
            throw new NixError("No process name was specified or can be inferred!", pos);
        }
        if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains("\n")) {
            throw new NixError("createSystemVInitScript: invalid script name '" + name + "'", pos);
        }
        String description = sa.has("description") ? sa.str(sa.attrs.get("description")) : name;

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
            Args ia = new Args(st, st.forceAttrs(instrAttrs.value(i), pos), pos, context);
            instructions.put(instrAttrs.name(i), new ScriptGenerator.Instruction(
                    ia.str("activity", instrAttrs.name(i)), ia.str("instruction", "")));
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
        if (sa.has("dependencies")) {
            for (Lazy d : st.forceList(sa.attrs.get("dependencies"), pos).elements()) {
                NixAttrs dep = st.forceAttrs(d, pos);
                depNames.add(st.forceStringNoContext(dep.get("name") != null ? dep.get("name")
                        : NixString.of(""), pos).value());
                depPaths.add(sa.str(d));
                long seq = dep.has("sequence") ? st.forceInt(dep.get("sequence"), pos) : minSeq;
                startSeq = anyDep ? Math.max(startSeq, seq + 1) : seq + 1;
                anyDep = true;
            }
        }
        long stopSeq = maxSeq - startSeq + minSeq;

        ScriptGenerator.Script s = new ScriptGenerator.Script(name, instanceName, description,
                sa.str("globalInstructions", ""), sa.strOrNull("umask"), sa.strOrNull("nice"),
                sa.strOrNull("directory"), sa.strings("path"), env, sa.str("initialize", ""), sa.strOrNull("process"),
                sa.bool("processIsDaemon", true), sa.bool("enableDaemonOutputLogging", true), sa.strings("args"),
                sa.strOrNull("pidFile"), sa.strOrNull("user"), sa.str("reloadSignal", "-HUP"), instructions,
                activities, sa.strings("removeActivities"), sa.ints("runlevels", List.of()),
                sa.ints("defaultStart", List.of()), sa.ints("defaultStop", List.of()), depNames, depPaths);
        ScriptGenerator gen = new ScriptGenerator(g, s);
        String text = gen.generate();

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
        NixAttrs creds = sa.set("credentials");
        if (creds.size() > 0) {
            if (ga.has("createCredentials") && !(ga.value("createCredentials") instanceof NixNull)) {
                Value spec = st.call(st.forceFunction(ga.attrs.get("createCredentials"), pos), creds, pos);
                NixString specPath = st.coerceToString(spec, pos, false, true);
                drv.put("credentialsSpec", specPath);
            } else {
                drv.put("credentialFiles", NixString.of(credentialFiles(st, creds, NixAttrs.empty(), forceDisable, pos)));
            }
        }
        String postInstall = sa.str("postInstall", "");
        if (!postInstall.isEmpty()) {
            drv.put("postInstall", NixString.of(postInstall, Set.copyOf(context)));
        }
        return st.call(st.forceFunction(st.global("derivation"), pos), drv.build(), pos);
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
        drv.put("credentialFiles", NixString.of(credentialFiles(st, creds, ids, forceDisable, pos)));
        if (forceDisable) {
            drv.put("forceDisableUserChange", NixBool.TRUE);
        }
        return st.call(st.forceFunction(st.global("derivation"), pos), drv.build(), pos);
    }

    /**
     * The files of {@code dysnomia-support/} (the format the rc tools read: one file per group and
     * per user, {@code key=shell-quoted value} lines), encoded for the builder as
     * {@code RELATIVE-PATH NEWLINE BASE64-CONTENT NEWLINE} records.
     */
    static String credentialFiles(EvalState st, NixAttrs creds, NixAttrs ids, boolean forceDisable, Pos pos) {
        StringBuilder enc = new StringBuilder();
        Set<String> ignored = new LinkedHashSet<>();
        Args ca = new Args(st, creds, pos, ignored);
        NixAttrs groups = ca.set("groups");
        NixAttrs users = ca.set("users");
        NixAttrs gids = ids.has("gids") ? st.forceAttrs(ids.get("gids"), pos) : NixAttrs.empty();
        NixAttrs uids = ids.has("uids") ? st.forceAttrs(ids.get("uids"), pos) : NixAttrs.empty();
        if (!forceDisable) {
            for (int i = 0; i < groups.size(); i++) {
                NixAttrs group = st.forceAttrs(groups.value(i), pos);
                StringBuilder f = new StringBuilder();
                if (!group.has("gid") && gids.has(groups.name(i))) {
                    f.append("gid=").append(ca.str(gids.get(groups.name(i)))).append('\n');
                }
                properties(ca, group, f);
                record(enc, "groups/" + checkedName(groups.name(i), pos), f.toString());
            }
        }
        for (int i = 0; i < users.size(); i++) {
            NixAttrs user = st.forceAttrs(users.value(i), pos);
            StringBuilder f = new StringBuilder();
            if (forceDisable) {
                // Accounts stay untouched, but a wanted home directory is still made.
                if (user.has("createHomeDir") && st.forceBool(user.get("createHomeDir"), pos) && user.has("homeDir")) {
                    f.append("homeDir=").append(ShellQuote.quote(ca.str(user.get("homeDir")))).append('\n');
                    f.append("createHomeDir=1\ncreateHomeDirOnly=1\n");
                } else {
                    continue;
                }
            } else {
                if (!user.has("uid") && uids.has(users.name(i))) {
                    f.append("uid=").append(ca.str(uids.get(users.name(i)))).append('\n');
                }
                properties(ca, user, f);
            }
            record(enc, "users/" + checkedName(users.name(i), pos), f.toString());
        }
        return enc.toString();
    }

    private static void properties(Args ca, NixAttrs props, StringBuilder f) {
        for (int j = 0; j < props.size(); j++) {
            f.append(props.name(j)).append('=').append(ShellQuote.quote(ca.str(props.value(j)))).append('\n');
        }
    }

    private static String checkedName(String n, Pos pos) {
        if (n.isEmpty() || n.contains("/") || n.startsWith(".")) {
            throw new NixError("createCredentials: invalid user or group name '" + n + "'", pos);
        }
        return n;
    }

    private static void record(StringBuilder enc, String path, String content) {
        enc.append(path).append('\n')
                .append(Base64.getEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .append('\n');
    }

    private static String join(List<Long> l) {
        return String.join(" ", l.stream().map(String::valueOf).toList());
    }

    /**
     * The log directory when none is given: next to a runtime directory STATE/run (STATE/log), as
     * the spec's compositions lay out their state directory but pass only runtimeDir and tmpDir;
     * else /var/log.
     */
    static String defaultLogDir(String runtimeDir) {
        if (runtimeDir.endsWith("/run") && runtimeDir.length() > "/run".length()) {
            return runtimeDir.substring(0, runtimeDir.length() - "/run".length()) + "/log";
        }
        return "/var/log";
    }

    static String pad(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
