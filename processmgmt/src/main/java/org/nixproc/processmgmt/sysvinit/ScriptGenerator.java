package org.nixproc.processmgmt.sysvinit;

import static org.nixproc.processmgmt.sysvinit.ShellQuote.oneLine;
import static org.nixproc.processmgmt.sysvinit.ShellQuote.quote;
import static org.nixproc.processmgmt.sysvinit.ShellQuote.quoteAll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the text of an LSB init script from evaluated parameters (the semantics of
 * nix-processmgmt's createSystemVInitScript): the INIT INFO header, the initial and global
 * instructions, umask and environment, then one case branch per activity: start, stop, reload,
 * restart, status, the others in alphabetical order, and the {@code Usage:} fallback.
 *
 * <p>Values (process, arguments, PID file, user, directories, environment values, descriptions in
 * messages) are shell-quoted; what the caller gives as shell code (initialize, instructions,
 * activities, globalInstructions, initialInstructions and the commands of the global set) is
 * copied as it is. A start activity first creates the state directories (runtime, log, tmp, the
 * PID file's), so that a script started on its own, by an unprivileged user, works.
 *
 * <p>A generated start runs the process with a clean environment (PATH and the declared
 * variables, {@code nixproc_clean_exec}), as its user through {@code setpriv} (no shell, no
 * options read from the name), and fails unless the process still runs {@code startCheckDelay}
 * seconds later ({@code nixproc_check_started}, which says why from the log). A foreground process
 * is supervised by {@code daemon} running as the caller, which writes the PID file in the runtime
 * directory (only the deployer writes there) and the process's output and its own errors to the
 * log; directory, umask and nice reach the process.
 */
public final class ScriptGenerator {
    /** The parameters shared by all scripts (the outer function of create-sysvinit-script.nix). */
    public record Global(String shell, String initialInstructions, String startDaemon, String startProcessAsDaemon,
            String stopDaemon, String reloadDaemon, String evaluateCommand, String statusCommand,
            String runtimeDir, String logDir, String tmpDir, String restartActivity,
            List<Long> supportedRunlevels, long minSequence, long maxSequence, boolean forceDisableUserChange,
            String startCheckDelay) {
    }

    /** An instruction: the activity's verb ("Starting") and its shell code. */
    public record Instruction(String activity, String instruction) {
    }

    /** The parameters of one script; nullable fields are null when not given. */
    public record Script(String name, String instanceName, String description, String globalInstructions,
            String umask, String nice, String directory, List<String> path, SortedMap<String, String> environment,
            String initialize, String process, boolean processIsDaemon, boolean enableDaemonOutputLogging,
            List<String> args, String pidFile, String user, String reloadSignal,
            SortedMap<String, Instruction> instructions, SortedMap<String, String> activities,
            List<String> removeActivities, List<Long> runlevels, List<Long> defaultStart, List<Long> defaultStop,
            List<String> dependencyNames, List<String> dependencyPaths) {
    }

    private final Global g;
    private final Script s;

    public ScriptGenerator(Global g, Script s) {
        this.g = g;
        this.s = s;
    }

    /** The user the process runs as, or null (never changed with forceDisableUserChange). */
    public String effectiveUser() {
        return g.forceDisableUserChange() ? null : s.user();
    }

    /**
     * Where PID files go: the runtime directory, which only the deployer writes; tmpDir only for a
     * process that daemonizes itself as another user, as it writes its PID file itself (what it
     * names is verified before it is trusted).
     */
    public String pidFilesDir() {
        return effectiveUser() != null && s.processIsDaemon() ? g.tmpDir() : g.runtimeDir();
    }

    /**
     * The PID file: the given one, else one named after the instance; a foreground process
     * (daemonized by us) always gets one, named after the script if there is no instance.
     */
    public String pidFile() {
        if (s.pidFile() != null) {
            return s.pidFile();
        }
        if (s.instanceName() != null) {
            return pidFilesDir() + "/" + s.instanceName() + ".pid";
        }
        if (s.process() != null && !s.processIsDaemon()) {
            return pidFilesDir() + "/" + s.name() + ".pid";
        }
        return null;
    }

    /** The file a daemonized process's output goes to, or null. */
    public String outputLogFile() {
        return s.enableDaemonOutputLogging() ? logFile() : null;
    }

    /** The log of a daemonized process: daemon's own errors go there, and its output unless disabled. */
    public String logFile() {
        String n = s.instanceName() != null ? s.instanceName() : s.name();
        return g.logDir() + "/nixproc-" + n + ".log";
    }

    /** Start runlevels. */
    public List<Long> startRunlevels() {
        if (!s.runlevels().isEmpty()) {
            return g.supportedRunlevels().stream().filter(s.runlevels()::contains).toList();
        }
        return s.defaultStart();
    }

    /** Stop runlevels. */
    public List<Long> stopRunlevels() {
        if (!s.runlevels().isEmpty()) {
            List<Long> start = startRunlevels();
            return g.supportedRunlevels().stream().filter(r -> !start.contains(r)).toList();
        }
        return s.defaultStop();
    }

    /** The activities, in their order in the script, with their code. */
    public LinkedHashMap<String, String> activities() {
        Map<String, Instruction> instr = new TreeMap<>();
        if (s.process() != null) {
            String pid = pidFile();
            String pidOpt = pid == null ? "" : "-p " + quote(pid) + " ";
            instr.put("start", new Instruction("Starting", startInstruction()));
            instr.put("stop", new Instruction("Stopping", g.stopDaemon() + " " + pidOpt + quote(s.process())));
            instr.put("reload", new Instruction("Reloading",
                    g.reloadDaemon() + " " + pidOpt + quote(s.process()) + " " + quote(s.reloadSignal())));
        }
        instr.putAll(s.instructions());
        Map<String, String> acts = new TreeMap<>();
        for (Map.Entry<String, Instruction> e : instr.entrySet()) {
            acts.put(e.getKey(), "log_info_msg " + quote(e.getValue().activity() + " " + s.description() + "...")
                    + "\n" + e.getValue().instruction().stripTrailing() + "\n" + g.evaluateCommand());
        }
        if (s.process() != null) {
            String pid = pidFile();
            acts.put("status", g.statusCommand() + " " + (pid == null ? "" : "-p " + quote(pid) + " ")
                    + quote(s.process()));
            acts.put("restart", g.restartActivity().stripTrailing());
        }
        acts.putAll(s.activities());
        for (String r : s.removeActivities()) {
            acts.remove(r);
        }
        LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        for (String common : List.of("start", "stop", "reload", "restart", "status")) {
            if (acts.containsKey(common)) {
                ordered.put(common, acts.get(common));
            }
        }
        for (Map.Entry<String, String> e : acts.entrySet()) {
            if (!ordered.containsKey(e.getKey()) && !e.getKey().equals("*")) {
                ordered.put(e.getKey(), e.getValue());
            }
        }
        String usage = "echo \"Usage: $0\" " + quote("{" + String.join("|", ordered.keySet()) + "}") + "\nexit 1";
        ordered.put("*", acts.getOrDefault("*", s.removeActivities().contains("*") ? null : usage));
        if (ordered.get("*") == null) {
            ordered.remove("*");
        }
        if (ordered.containsKey("start")) {
            ordered.put("start", mkdirStateDirs() + "\n" + ordered.get("start"));
        }
        return ordered;
    }

    private String mkdirStateDirs() {
        // Made by root, the temporary directory must still be usable by the process's user, as /tmp is.
        boolean sharedTmp = effectiveUser() != null && s.process() != null;
        List<String> candidates = new ArrayList<>(List.of(g.runtimeDir(), g.logDir(), g.tmpDir()));
        String pid = pidFile();
        if (pid != null && pid.lastIndexOf('/') > 0) {
            candidates.add(pid.substring(0, pid.lastIndexOf('/')));
        }
        List<String> dirs = new ArrayList<>();
        for (String d : candidates) {
            if (!dirs.contains(d) && !(sharedTmp && d.equals(g.tmpDir()))) {
                dirs.add(d);
            }
        }
        String code = "mkdir -p " + quoteAll(dirs);
        if (sharedTmp) {
            String t = quote(g.tmpDir());
            code += "\n[ -d " + t + " ] || { mkdir -p " + t + " && chmod 1777 " + t + "; }";
        }
        return code;
    }

    private String startInstruction() {
        StringBuilder sb = new StringBuilder();
        if (!s.initialize().isBlank()) {
            sb.append(s.initialize().stripTrailing()).append('\n');
        }
        if (s.directory() != null) {
            sb.append("cd ").append(quote(s.directory())).append('\n');
        }
        String user = effectiveUser();
        String pid = pidFile();
        List<String> cmd = new ArrayList<>();
        cmd.add(s.process());
        cmd.addAll(s.args());
        if (s.processIsDaemon()) {
            sb.append(g.startDaemon());
            if (pid != null) {
                sb.append(" -p ").append(quote(pid));
            }
            if (s.nice() != null) {
                sb.append(" -n ").append(quote(s.nice()));
            }
            if (user != null) {
                sb.append(" -u ").append(quote(user));
            }
            sb.append(' ').append(quoteAll(cmd));
        } else {
            if (user != null) {
                sb.append("nixproc_check_user ").append(quote(user)).append(" &&\n");
            }
            sb.append("nixproc_clean_exec ");
            if (s.nice() != null) {
                sb.append("nice -n ").append(quote(s.nice())).append(' ');
            }
            sb.append(g.startProcessAsDaemon()).append(" --unsafe --inherit");
            String log = outputLogFile();
            if (log != null) {
                sb.append(" --output ").append(quote(log));
            }
            sb.append(" --errlog ").append(quote(logFile()));
            sb.append(" --pidfile ").append(quote(pid));
            if (s.directory() != null) {
                sb.append(" --chdir ").append(quote(s.directory()));
            }
            if (s.umask() != null) {
                sb.append(" --umask ").append(quote(s.umask()));
            }
            sb.append(" --");
            if (user != null) {
                sb.append(" setpriv --reuid=").append(quote(user)).append(" --regid=\"$(id -g -- ")
                        .append(quote(user)).append(")\" --init-groups --");
            }
            sb.append(' ').append(quoteAll(cmd));
        }
        sb.append(" &&\nnixproc_check_started");
        if (pid != null) {
            sb.append(" -p ").append(quote(pid));
        }
        if (!s.processIsDaemon()) {
            sb.append(" -l ").append(quote(logFile()));
        }
        sb.append(" -t ").append(g.startCheckDelay()).append(' ').append(quote(s.process()));
        return sb.toString();
    }

    /** The whole script. */
    public String generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("#! ").append(g.shell()).append("\n\n");
        sb.append("### BEGIN INIT INFO\n");
        sb.append("# Provides:      ").append(oneLine(s.name())).append('\n');
        if (!startRunlevels().isEmpty()) {
            sb.append("# Default-Start: ").append(join(startRunlevels())).append('\n');
        }
        if (!stopRunlevels().isEmpty()) {
            sb.append("# Default-Stop:  ").append(join(stopRunlevels())).append('\n');
        }
        if (!s.dependencyNames().isEmpty()) {
            String names = oneLine(String.join(" ", s.dependencyNames()));
            sb.append("# Should-Start:  ").append(names).append('\n');
            sb.append("# Should-Stop:   ").append(names).append('\n');
            // Names the dependencies' store paths: they become references of the script's package.
            sb.append("# X-Nixproc-Depends: ").append(oneLine(String.join(" ", s.dependencyPaths()))).append('\n');
        }
        sb.append("# Description:   ").append(oneLine(s.description())).append('\n');
        sb.append("### END INIT INFO\n\n");
        appendCode(sb, g.initialInstructions());
        appendCode(sb, s.globalInstructions());
        if (s.umask() != null) {
            sb.append("umask ").append(quote(s.umask())).append('\n');
        }
        SortedMap<String, String> env = new TreeMap<>(s.environment());
        if (!s.path().isEmpty() && !env.containsKey("PATH")) {
            env.put("PATH", String.join(":", s.path().stream().map(p -> p + "/bin").toList()));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue()));
            if (e.getKey().equals("PATH")) {
                sb.append(":\"$PATH\"");
            }
            sb.append('\n');
        }
        if (!s.environment().isEmpty()) {
            // What nixproc_clean_exec hands the process besides PATH.
            sb.append("NIXPROC_ENV=").append(quote(String.join(" ", s.environment().keySet()))).append('\n');
        }
        sb.append("\ncase \"$1\" in\n");
        for (Map.Entry<String, String> e : activities().entrySet()) {
            sb.append("  ").append(e.getKey().equals("*") ? "*" : quote(e.getKey())).append(")\n");
            String code = multiLineValues() ? e.getValue().stripTrailing() : indent(e.getValue().stripTrailing());
            if (!code.isEmpty()) {
                sb.append(code).append('\n');
            }
            sb.append("    ;;\n\n");
        }
        sb.append("esac\n");
        return sb.toString();
    }

    // Indenting would change a quoted value spanning lines: then activities stay as they are.
    private boolean multiLineValues() {
        List<String> values = new ArrayList<>(s.args());
        values.add(s.description());
        values.add(s.process() == null ? "" : s.process());
        values.add(s.directory() == null ? "" : s.directory());
        values.add(s.nice() == null ? "" : s.nice());
        values.add(pidFile() == null ? "" : pidFile());
        values.add(effectiveUser() == null ? "" : effectiveUser());
        values.add(logFile());
        values.add(s.reloadSignal());
        values.addAll(List.of(g.runtimeDir(), g.logDir(), g.tmpDir()));
        s.instructions().values().forEach(i -> values.add(i.activity()));
        return values.stream().anyMatch(v -> v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0);
    }

    // Four spaces before each line, unless the code has a here-document (whose end marker must stay put).
    private static String indent(String code) {
        if (code.contains("<<")) {
            return code;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (!line.isBlank()) {
                sb.append("    ").append(line);
            }
        }
        return sb.toString();
    }

    private static void appendCode(StringBuilder sb, String code) {
        String c = code.stripTrailing();
        if (!c.isEmpty()) {
            sb.append(c).append('\n');
        }
    }

    private static String join(List<Long> levels) {
        return String.join(" ", levels.stream().map(String::valueOf).toList());
    }

    static String baseName(String path) {
        String p = path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
