package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nixproc.lang.eval.Bytes;

/**
 * {@code nixproc-build -P|--process-manager PM [OPTION] [PATH]} (or {@code --undeploy}): builds
 * the profile of a processes expression for a process manager, nix-build of
 * {@code <nixproc/backends/PM/build-PM-env.nix>} with {@code exprFile}, the state directories, the
 * calling user and group, and {@code extraParams}, as upstream's nixproc-build; prints its path and
 * links it as {@code result} unless {@code --no-out-link}.
 */
final class NixprocBuild {
    static final List<String> PROCESS_MANAGERS = List.of("sysvinit", "systemd", "supervisord");

    static int run(String[] args, Invocation inv) {
        ProcessManagerSwitch.Options o = new ProcessManagerSwitch.Options();
        String pm = null;
        boolean outLink = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if ((ProcessManagerSwitch.Options.BUILD_FLAGS_WITH_VALUE.contains(a) || a.equals("-P")
                    || a.equals("--process-manager")) && value == null) {
                if (++i == args.length) {
                    return usage(inv.err(), "option '" + a + "' requires an argument");
                }
                value = args[i];
            }
            if (o.takeBuildFlag(a, value)) {
                continue;
            }
            switch (a) {
                case "-P", "--process-manager" -> pm = value;
                case "--no-out-link" -> outLink = false;
                case "-h", "--help" -> {
                    inv.out().println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        return usage(inv.err(), "unrecognised option '" + a + "'");
                    }
                    o.positional.add(a);
                }
            }
        }
        if (pm == null) {
            return usage(inv.err(), "no process manager specified (-P sysvinit|systemd|supervisord)");
        }
        if (!PROCESS_MANAGERS.contains(pm)) {
            return usage(inv.err(), "unknown process manager '" + pm + "' (known: " + String.join(", ", PROCESS_MANAGERS) + ")");
        }
        String file = o.positional.isEmpty() ? inv.env().get("NIXPROC_PROCESSES") : o.positional.get(0);
        if (o.positional.size() > 1 || (!o.undeploy && (file == null || file.isEmpty()))) {
            return usage(inv.err(), "expected one processes expression (or NIXPROC_PROCESSES)");
        }
        Path exprFile = o.undeploy ? null : Bytes.path(inv.cwd()).resolve(file).normalize();
        Optional<Path> out = build(inv, pm, o, exprFile, false);
        if (out.isEmpty()) {
            return 1;
        }
        if (outLink) {
            try {
                Path link = Bytes.path(inv.cwd()).resolve("result");
                CapturedRun r = CapturedRun.run("nix-store", inv.env(), inv.cwd(), "--realise", out.get().toString(),
                        "--add-root", link.toString(), "--indirect");
                if (r.status() != 0) {
                    inv.err().print(Bytes.toJava(r.err()));
                    return 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
        inv.out().println(out.get());
        return 0;
    }

    private static final String USAGE = "usage: nixproc-build -P|--process-manager sysvinit|systemd|supervisord [OPTION] [PATH]\n"
            + "       nixproc-build -P PM --undeploy [OPTION]\n"
            + "options: --state-dir DIR, --runtime-dir DIR, --log-dir DIR, --tmp-dir DIR, --cache-dir DIR,"
            + " --force-disable-user-change, --extra-params EXPR, --no-out-link, --show-trace";

    private static int usage(PrintStream err, String message) {
        err.println("nixproc-build: " + message);
        err.println(USAGE);
        return 2;
    }

    /**
     * nix-build of the backend's build-PM-env.nix in this JVM; the profile's store path, or empty
     * when the build failed (its errors printed).
     */
    static Optional<Path> build(Invocation inv, String pm, ProcessManagerSwitch.Options o, Path exprFile, boolean quiet) {
        List<String> a = new ArrayList<>();
        if (exprFile == null) {
            a.addAll(List.of("--arg", "exprFile", "null"));
        } else {
            if (!Files.exists(exprFile)) {
                inv.err().println("error: processes expression '" + exprFile + "' does not exist");
                return Optional.empty();
            }
            a.addAll(List.of("--argstr", "exprFile", exprFile.toString()));
        }
        addStr(a, "stateDir", o.stateDir);
        addStr(a, "runtimeDir", o.runtimeDir);
        addStr(a, "logDir", o.logDir);
        addStr(a, "tmpDir", o.tmpDir);
        addStr(a, "cacheDir", o.cacheDir);
        if (o.forceDisableUserChange) {
            a.addAll(List.of("--arg", "forceDisableUserChange", "true"));
        }
        if (o.extraParams != null) {
            a.addAll(List.of("--arg", "extraParams", o.extraParams));
        }
        addStr(a, "callingUser", System.getProperty("user.name"));
        addStr(a, "callingGroup", callingGroup());
        addStr(a, "processManager", pm);
        if (o.showTrace) {
            a.add("--show-trace");
        }
        a.addAll(List.of("--no-out-link", "-E", "import <nixproc/backends/" + pm + "/build-" + pm + "-env.nix>"));
        try {
            CapturedRun r = CapturedRun.run("nix-build", inv.env(), inv.cwd(), a.toArray(String[]::new));
            String err = Bytes.toJava(r.err());
            if (r.status() != 0 || !quiet) {
                inv.err().print(err);
            }
            if (r.status() != 0) {
                return Optional.empty();
            }
            List<String> lines = Bytes.toJava(r.out()).lines().filter(l -> !l.isBlank()).toList();
            return Optional.of(Path.of(lines.get(lines.size() - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }

    // The process's group: that of its /proc entry.
    private static String callingGroup() {
        try {
            return Files.readAttributes(Path.of("/proc/self"), PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void addStr(List<String> a, String name, String value) {
        if (value != null) {
            a.addAll(List.of("--argstr", name, value));
        }
    }
}
