package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.Credentials;
import org.nixproc.processmgmt.rc.Generations;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.RcScript;

/**
 * What nixproc-sysvinit-switch, nixproc-supervisord-switch and nixproc-systemd-switch share (and
 * their -deploy variants, which take a built profile): upstream's flags, building the profile with
 * nixproc-build's arguments, the profile's generations ({@code -p NAME}, default {@code processes},
 * in nixproc's state directory like rcswitch's), and the users and groups of the profiles'
 * {@code dysnomia-support/}. Before a deployment the state directories exist, as upstream's
 * nixproc-init-state makes them (run, log, tmp, cache, lib, spool and lock under the state
 * directory, default /var, or where the flags say). A backend only says how to move the running
 * processes from the old profile to the new one ({@link #activate}).
 */
public abstract class ProcessManagerSwitch {
    /** The parsed command line, for the backend. */
    protected static final class Options {
        public String profile = "processes";
        public Path oldProfile;
        public String stateDir;
        public String runtimeDir;
        public String logDir;
        public String tmpDir;
        public String cacheDir;
        public boolean forceDisableUserChange;
        public String extraParams;
        public boolean showTrace;
        public boolean undeploy;
        public boolean user;
        public String operation = "switch";
        public String generation;
        public final List<String> positional = new ArrayList<>();

        /** The flags of nixproc-build that take a value, which the switches take too. */
        static final List<String> BUILD_FLAGS_WITH_VALUE = List.of("--state-dir", "--runtime-dir", "--log-dir",
                "--tmp-dir", "--cache-dir", "--extra-params");

        /** Takes one of nixproc-build's flags ({@code value}: its value, if it has one); false if {@code flag} is none. */
        boolean takeBuildFlag(String flag, String value) {
            switch (flag) {
                case "--state-dir" -> stateDir = value;
                case "--runtime-dir" -> runtimeDir = value;
                case "--log-dir" -> logDir = value;
                case "--tmp-dir" -> tmpDir = value;
                case "--cache-dir" -> cacheDir = value;
                case "--extra-params" -> extraParams = value;
                case "--force-disable-user-change" -> forceDisableUserChange = true;
                case "--show-trace" -> showTrace = true;
                case "--undeploy" -> undeploy = true;
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every switch and deploy command, for {@link Main} to find by name. */
    static final List<ProcessManagerSwitch> ALL = List.of(new SysVInitSwitch(), new SysVInitSwitch.Deploy(),
            new SupervisordSwitch(), new SupervisordSwitch.Deploy(), new SystemdSwitch(), new SystemdSwitch.Deploy());

    private final String processManager;
    private final boolean deployOnly;

    protected ProcessManagerSwitch(String processManager, boolean deployOnly) {
        this.processManager = processManager;
        this.deployOnly = deployOnly;
    }

    /** The command's name: nixproc-PM-switch, or nixproc-PM-deploy. */
    String name() {
        return "nixproc-" + processManager + (deployOnly ? "-deploy" : "-switch");
    }

    /** Whether the backend takes {@code --user} (systemd's user units). */
    protected boolean takesUserFlag() {
        return false;
    }

    /**
     * Moves the processes from {@code old} (a profile, or null when nothing is deployed) to
     * {@code next}; users and groups are created before and deleted after through {@code accounts}.
     * Returns the exit status.
     */
    protected abstract int activate(Invocation inv, Options o, Path next, Path old, Accounts accounts) throws IOException;

    /** Creates and deletes the users and groups of profiles, as root and unless user changes are disabled. */
    public static final class Accounts {
        private final Credentials credentials;
        private final Path next;
        private final Path old;

        Accounts(PrintStream err, Path next, Path old) {
            this.credentials = new Credentials(Credentials.allowed(next), Credentials.system(err), err);
            this.next = next;
            this.old = old;
        }

        /** Those the new profile declares and the system lacks. */
        public void create() {
            credentials.create(List.of(asPackage(next)));
        }

        /** Those only the old profile declared. */
        public void deleteObsolete() {
            if (old != null) {
                credentials.delete(List.of(asPackage(old)), List.of(asPackage(next)));
            }
        }

        private static RcScript asPackage(Path root) {
            return new RcScript("S00" + root.getFileName(), root, root, root);
        }
    }

    private String usage() {
        return "usage: " + name() + (deployOnly ? " [OPTION] PROFILE"
                : " [OPTION] PATH\n       " + name() + " --undeploy | --rollback | --switch-generation N | --list-generations"
                        + " | --delete-generations SPEC [OPTION]")
                + "\noptions: -p/--profile NAME, -o/--old-profile PATH, --state-dir DIR, --runtime-dir DIR, --log-dir DIR,"
                + " --tmp-dir DIR, --cache-dir DIR, --force-disable-user-change, --extra-params EXPR, --show-trace"
                + (takesUserFlag() ? ", --user" : "");
    }

    int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if ((Options.BUILD_FLAGS_WITH_VALUE.contains(a) || List.of("-p", "--profile", "-o", "--old-profile",
                    "--switch-generation", "--delete-generations").contains(a)) && value == null) {
                if (++i == args.length) {
                    return usage(err, "option '" + a + "' requires an argument");
                }
                value = args[i];
            }
            if (o.takeBuildFlag(a, value)) {
                continue;
            }
            switch (a) {
                case "-p", "--profile" -> o.profile = value;
                case "-o", "--old-profile" -> o.oldProfile = Bytes.path(inv.cwd()).resolve(value);
                case "--rollback" -> o.operation = "rollback";
                case "--switch-generation" -> {
                    o.operation = "rollback";
                    o.generation = value;
                }
                case "--list-generations" -> o.operation = "list";
                case "--delete-generations" -> {
                    o.operation = "delete";
                    o.positional.add(value);
                }
                case "-h", "--help" -> {
                    inv.out().println(usage());
                    return 0;
                }
                default -> {
                    if (a.equals("--user") && takesUserFlag()) {
                        o.user = true;
                    } else if (a.startsWith("-") && a.length() > 1 && !o.operation.equals("delete")) {
                        return usage(err, "unrecognised option '" + a + "'");
                    } else {
                        o.positional.add(a);
                    }
                }
            }
        }
        if (deployOnly && (o.positional.size() != 1 || !o.operation.equals("switch") || o.undeploy)) {
            return usage(err, "expected the path of a built profile");
        }
        RcContext ctx = new RcContext(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err());
        try {
            Generations gens = ctx.generations(o.profile);
            switch (o.operation) {
                case "list", "delete" -> {
                    List<String> rc = new ArrayList<>(List.of("--profile", o.profile,
                            o.operation.equals("list") ? "--list-generations" : "--delete-generations"));
                    rc.addAll(o.positional);
                    return RcSwitch.run(rc.toArray(String[]::new), inv);
                }
                case "rollback" -> {
                    return rollback(inv, o, gens);
                }
                default -> {
                }
            }
            Path next;
            if (deployOnly) {
                next = ctx.path(o.positional.get(0));
            } else {
                if (o.positional.size() > 1 || (o.undeploy != o.positional.isEmpty())) {
                    return usage(err, o.undeploy ? "--undeploy takes no processes expression" : "expected a processes expression");
                }
                Optional<Path> built = build(inv, o, o.undeploy ? null : ctx.path(o.positional.get(0)));
                if (built.isEmpty()) {
                    return 1;
                }
                next = built.get();
            }
            next = RcContext.realPath(next);
            Path old = o.oldProfile != null ? RcContext.realPath(o.oldProfile)
                    : gens.current().flatMap(gens::get).map(Generations.Generation::target).orElse(null);
            initState(o);
            int status = activate(inv, o, next, old, new Accounts(err, next, old));
            int n = gens.add(next, ".");
            err.println("profile '" + o.profile + "' is now at generation " + n);
            return status;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int rollback(Invocation inv, Options o, Generations gens) throws IOException {
        int cur = gens.current().orElseThrow(() -> new IllegalArgumentException("profile '" + o.profile + "' has no generations"));
        Generations.Generation to;
        if (o.generation == null) {
            to = gens.list().stream().filter(g -> g.number() < cur).reduce((a, b) -> b).orElseThrow(
                    () -> new IllegalArgumentException("no generation older than the current generation (" + cur + ")"));
        } else {
            int n;
            try {
                n = Integer.parseInt(o.generation);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid generation number '" + o.generation + "'");
            }
            to = gens.get(n).orElseThrow(() -> new IllegalArgumentException("generation " + n + " does not exist"));
        }
        Path old = gens.get(cur).map(Generations.Generation::target).orElse(null);
        Path next = RcContext.realPath(to.target());
        initState(o);
        int status = activate(inv, o, next, old, new Accounts(inv.err(), next, old));
        gens.switchTo(to.number());
        inv.err().println("switched from generation " + cur + " to " + to.number());
        return status;
    }

    private static void initState(Options o) throws IOException {
        String state = o.stateDir == null ? "/var" : o.stateDir;
        for (String dir : new String[] { o.runtimeDir == null ? state + "/run" : o.runtimeDir,
                o.logDir == null ? state + "/log" : o.logDir, o.tmpDir == null ? state + "/tmp" : o.tmpDir,
                o.cacheDir == null ? state + "/cache" : o.cacheDir, state + "/lib", state + "/spool", state + "/lock" }) {
            Files.createDirectories(Path.of(dir));
        }
    }

    /** nixproc-build: the profile of {@code exprFile} (null: the empty profile) for this backend. */
    Optional<Path> build(Invocation inv, Options o, Path exprFile) {
        return NixprocBuild.build(inv, processManager, o, exprFile, true);
    }

    private int usage(PrintStream err, String message) {
        err.println(name() + ": " + message);
        err.println(usage());
        return 2;
    }

    /** The environment's value, or {@code dflt}. */
    public static String env(Invocation inv, String name, String dflt) {
        String v = inv.env().get(name);
        return v == null || v.isEmpty() ? dflt : v;
    }
}
