package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.cli.CapturedRun;

/**
 * Fake deployments for the rc tests: "store paths" holding small init scripts (start runs
 * {@code sleep 1000} in the background and writes its PID, stop kills it, status reports), profiles
 * of {@code etc/rc.d/init.d} and {@code rc3.d} links to them, and a log of what ran. Every PID ever
 * started is recorded so that {@link #close()} can kill whatever a failing test left behind.
 */
final class RcFixture implements AutoCloseable {
    final Path root;
    final Path store;
    final Path run;
    final Path log;
    private final Map<String, String> env = new HashMap<>();
    String lastOut = "";
    String lastErr = "";

    RcFixture(Path root) throws IOException {
        this.root = root;
        this.store = Files.createDirectories(root.resolve("store"));
        this.run = Files.createDirectories(root.resolve("run"));
        this.log = root.resolve("log");
        Files.createFile(log);
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("NIX_STORE_DIR", store.toString());
        env.put("NIXPROC_STORE_STATE_DIR", root.resolve("state").toString());
        env.put("HOME", root.toString());
    }

    /**
     * A store path {@code HASH-name} with the init script {@code etc/rc.d/init.d/name}; its
     * start fails when {@code fails}; it names the store paths in {@code dependsOn}, as a script
     * built with dependencies does.
     */
    Path script(String name, String version, boolean fails, Path... dependsOn) throws IOException {
        String hash = (version + "-".repeat(32)).substring(0, 32).replace('-', 'a');
        Path pkg = store.resolve(hash + "-" + name);
        Path dir = Files.createDirectories(pkg.resolve("etc/rc.d/init.d"));
        String id = name + "-" + version;
        String pid = run.resolve(id + ".pid").toString();
        StringBuilder sb = new StringBuilder("#!/bin/sh\n");
        for (Path d : dependsOn) {
            sb.append("# depends on ").append(d).append('\n');
        }
        sb.append("case \"$1\" in\n");
        sb.append("start)\n  echo \"start ").append(id).append("\" >> ").append(log).append('\n');
        if (fails) {
            sb.append("  echo \"").append(id).append(": cannot start\" >&2\n  exit 1\n  ;;\n");
        } else {
            sb.append("  sleep 1000 >/dev/null 2>&1 &\n  echo $! > ").append(pid).append('\n');
            sb.append("  echo $! >> ").append(run.resolve("all-pids")).append('\n');
            sb.append("  echo \"started ").append(id).append("\"\n  ;;\n");
        }
        sb.append("stop)\n  echo \"stop ").append(id).append("\" >> ").append(log).append('\n');
        // Like a real stop, it returns once the process is gone (or a zombie), so that tests may look at once.
        sb.append("  if [ -f ").append(pid).append(" ]; then\n    p=$(cat ").append(pid).append(")\n    kill $p\n");
        sb.append("    i=0\n    while [ $i -lt 200 ] && s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null) && [ \"$s\" != Z ]; do\n");
        sb.append("      sleep 0.05; i=$((i + 1))\n    done\n    rm -f ").append(pid).append("\n  fi\n  ;;\n");
        sb.append("status)\n  if [ -f ").append(pid).append(" ] && kill -0 $(cat ").append(pid).append(") 2>/dev/null; then\n");
        sb.append("    echo \"").append(name).append(" is running with Process ID(s) $(cat ").append(pid).append(")\"\n");
        sb.append("  else\n    echo \"").append(name).append(" is not running\"\n    exit 3\n  fi\n  ;;\n");
        sb.append("esac\n");
        Path script = dir.resolve(name);
        Files.writeString(script, sb.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return pkg;
    }

    /** A profile (a directory standing for a buildEnv output) starting the packages in the given order. */
    Path profile(String profileName, Path... pkgs) throws IOException {
        Path p = root.resolve(profileName);
        Path initd = Files.createDirectories(p.resolve("etc/rc.d/init.d"));
        Path rc3 = Files.createDirectories(p.resolve("etc/rc.d/rc3.d"));
        int seq = 10;
        for (Path pkg : pkgs) {
            String name = pkg.getFileName().toString().substring(33);
            Files.createSymbolicLink(initd.resolve(name), pkg.resolve("etc/rc.d/init.d").resolve(name));
            Files.createSymbolicLink(rc3.resolve("S" + seq + name), Path.of("../init.d", name));
            seq += 10;
        }
        return rc3;
    }

    /** Sets a variable of the commands' environment. */
    void env(String name, String value) {
        env.put(name, value);
    }

    /** Runs a command of the jar in-process, as bin/NAME would. */
    int run(String command, String... args) throws InterruptedException {
        CapturedRun r = CapturedRun.run(command, env, root.toString(), args).decoded();
        lastOut = r.out();
        lastErr = r.err();
        return r.status();
    }

    List<String> log() throws IOException {
        return Files.readAllLines(log);
    }

    /** The PID of a running package's process, or -1. */
    long pid(String name, String version) throws IOException {
        Path f = run.resolve(name + "-" + version + ".pid");
        return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : -1;
    }

    /** Whether a process runs: a zombie (killed, not yet reaped by whoever adopted it) does not. */
    boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return pid > 0 && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The PIDs started so far that are still alive. */
    List<Long> alivePids() throws IOException {
        List<Long> alive = new ArrayList<>();
        Path all = run.resolve("all-pids");
        if (Files.exists(all)) {
            for (String l : Files.readAllLines(all)) {
                long p = Long.parseLong(l.trim());
                if (alive(p)) {
                    alive.add(p);
                }
            }
        }
        return alive;
    }

    @Override
    public void close() throws IOException {
        for (long p : alivePids()) {
            ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
