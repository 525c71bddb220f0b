package org.nixproc.tests.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.nixproc.cli.CapturedRun;

/**
 * A scratch deployment of the examples for the end-to-end tests: its own store and nixproc state
 * directory, a stateDir for the processes, a port offset under which all the examples' ports are
 * free, commands of the jar run in-process, raw HTTP requests with a Host header (which
 * java.net.http.HttpClient refuses to set), and the removal of every process it started.
 */
final class Deployment {
    /** The ports the multi-instance example uses, before the offset. */
    static final List<Integer> PORTS = List.of(5000, 5001, 5002, 5003, 6002, 6003, 8080, 8081);

    final Path root;
    final Path stateDir;
    final int offset;
    final Map<String, String> env = new HashMap<>();
    String lastOut = "";
    String lastErr = "";

    Deployment(Path root, Path store) throws IOException {
        this.root = root;
        this.stateDir = Files.createDirectories(root.resolve("var"));
        this.offset = freeOffset();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
        env.put("HOME", root.toString());
        env.put("NIX_STORE_DIR", store.toString());
        env.put("NIXPROC_STORE_STATE_DIR", store.resolveSibling("state").toString());
        env.put("NIXPROC_KILL_DELAY", "2");
    }

    /** The repository's root (the surefire configuration names it). */
    static Path repo() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
    }

    static Path example(String name) {
        return repo().resolve("nix-examples").resolve(name);
    }

    /** Whether a program is installed (in PATH or an sbin directory). */
    static boolean installed(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    // An offset in 10000..50000 under which every port of the examples is free (the ports are not
    // reserved: another program could still take one, which would show as a failed start).
    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 10000 + 10 * ThreadLocalRandom.current().nextInt(4000);
            if (PORTS.stream().allMatch(p -> free(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port(int base) {
        return base + offset;
    }

    /** Runs a command of the jar in-process in the directory {@code cwd}, as bin/NAME would. */
    int run(Path cwd, String command, String... args) throws InterruptedException {
        CapturedRun r = CapturedRun.run(command, env, cwd.toString(), args).decoded();
        lastOut = r.out();
        lastErr = r.err();
        return r.status();
    }

    /** nix-build of an example's file with the unprivileged settings, the result linked at {@code link}. */
    int build(Path file, Path link, String... more) throws InterruptedException {
        String[] base = { file.toString(), "--argstr", "stateDir", stateDir.toString(), "--arg", "forceDisableUserChange",
            "true", "--arg", "portOffset", Integer.toString(offset), "-o", link.toString() };
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return run(root, "nix-build", args);
    }

    /** Runs a program (such as an init script) with the deployment's environment; exit status and output. */
    Result exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    record Result(int status, String out) {
    }

    /**
     * GET / from 127.0.0.1:port with the given Host header, retried for up to 10 s while nothing
     * answers 200 (a daemonized process may not listen yet); the body, or the last failure.
     */
    static String get(String host, int port) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                OutputStream o = s.getOutputStream();
                o.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                InputStream in = s.getInputStream();
                String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int body = reply.indexOf("\r\n\r\n");
                if (reply.startsWith("HTTP/1.") && reply.substring(9, 12).equals("200") && body >= 0) {
                    return reply.substring(body + 4);
                }
                last = reply.lines().findFirst().orElse("(empty reply)");
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        return "no answer: " + last;
    }

    /** Whether a process runs (a zombie, killed and not yet reaped, does not). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The PID in a PID file of the deployment's runtime directory, or -1. */
    long pid(String instance) throws IOException {
        Path f = stateDir.resolve("run").resolve(instance + ".pid");
        if (!Files.exists(f)) {
            f = stateDir.resolve("tmp").resolve(instance + ".pid");
        }
        return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : -1;
    }

    /** Every process whose command line names this deployment's directories, and their children. */
    List<ProcessHandle> processes() {
        String dir = root.getParent().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false) && alive(p.pid()))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .filter(p -> alive(p.pid()))
                .distinct()
                .toList();
    }

    /** Kills whatever still runs (after the tests' own clean stop, this finds nothing). */
    void killAll() {
        for (ProcessHandle p : processes()) {
            p.destroyForcibly();
        }
    }
}
