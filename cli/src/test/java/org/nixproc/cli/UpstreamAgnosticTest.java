package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nixproc.lang.eval.EvalOptions;

/**
 * Upstream nix-processmgmt's unchanged examples/webapps-agnostic/processes-advanced.nix (six C
 * web applications with libmicrohttpd behind two nginx reverse proxies, ports from its
 * ids-advanced.nix) built with our {@code <nixpkgs>} and deployed by our switch command of each
 * backend, as root (the example's nginx configuration wants to start as root): every web
 * application answers through its proxy by its Host header, and --undeploy leaves no process of
 * the deployment running.
 */
class UpstreamAgnosticTest {
    /** The tarball upstream's sysvinit init-functions fetch; a seeded copy is looked for here. */
    private static final String LFS_BOOTSCRIPTS = "lfs-bootscripts-20190524.tar.xz";

    /** The proxies' ports and the Host names and ports of the web applications behind each. */
    private static final Map<Integer, Map<String, Integer>> PROXIES = Map.of(
            8080, Map.of("webapp1.local", 5001, "webapp2.local", 5002, "webapp3.local", 5003, "webapp4.local", 5004),
            8081, Map.of("webapp5.local", 5005, "webapp6.local", 5006));

    @TempDir
    Path tmp;

    private static Path upstream() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize()
                .resolve("../shared/upstream/nix-processmgmt").normalize();
    }

    private CapturedRun nixproc(String command, String... args) throws InterruptedException {
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            Path root = Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, root.resolve("processmgmt/nix").toString());
        }
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString(), "PATH",
                "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        return CapturedRun.run(command, env, tmp.toString(), args).decoded();
    }

    private CapturedRun switchCommand(String backend, String... args) throws InterruptedException {
        List<String> a = new ArrayList<>(List.of("--state-dir", tmp.resolve("var").toString(), "--force-disable-user-change"));
        a.addAll(List.of(args));
        return nixproc("nixproc-" + backend + "-switch", a.toArray(String[]::new));
    }

    /**
     * The PIDs of processes whose command line names this test's directory: the programs from its
     * store and the process manager reading its configuration from the state directory.
     */
    private List<Long> deployed() throws IOException {
        String store = tmp.toString();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(store)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // The process ended while the list was read.
                }
            }
        }
        return pids;
    }

    /** Stops what a failed run left behind, so that the next one finds its ports free. */
    @AfterEach
    void stopLeftovers() throws IOException {
        for (long pid : deployed()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** GET / through 127.0.0.1:port with a Host header, retried for up to 20 s until it answers 200. */
    private static String get(int port, String host) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                OutputStream o = s.getOutputStream();
                o.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                InputStream in = s.getInputStream();
                String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (reply.startsWith("HTTP/1.1 200") || reply.startsWith("HTTP/1.0 200")) {
                    return reply.substring(reply.indexOf("\r\n\r\n") + 4);
                }
                last = reply.lines().findFirst().orElse("(empty reply)");
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        return "no answer: " + last;
    }

    /**
     * Seeds upstream's LFS bootscripts tarball into the store when a copy lies beside upstream's
     * checkout (there is no network to fetch it from); false when there is none.
     */
    private boolean seedBootscripts() throws InterruptedException {
        Path tarball = upstream().resolveSibling(LFS_BOOTSCRIPTS);
        if (!Files.isRegularFile(tarball)) {
            return false;
        }
        CapturedRun added = nixproc("nix-store", "--add-fixed", "sha256", tarball.toString());
        assertEquals(0, added.status(), added.err());
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = { "supervisord", "sysvinit" })
    void deploysAnswersThroughNginxAndUndeploys(String backend) throws Exception {
        Path processes = upstream().resolve("examples/webapps-agnostic/processes-advanced.nix");
        assumeTrue(Files.isRegularFile(processes), "upstream nix-processmgmt not found at " + upstream());
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: nginx's configuration starts it as root");
        for (String tool : List.of("/usr/sbin/nginx", "/usr/bin/cc", "/usr/include/microhttpd.h")) {
            assumeTrue(Files.exists(Path.of(tool)), tool + " missing: apt-get install nginx gcc libmicrohttpd-dev");
        }
        if (backend.equals("supervisord")) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisord")), "supervisord missing: apt-get install supervisor");
        } else {
            assumeTrue(seedBootscripts(), "upstream's sysvinit init-functions fetch " + LFS_BOOTSCRIPTS
                    + " from linuxfromscratch.org (no network here); put a copy at " + upstream().resolveSibling(LFS_BOOTSCRIPTS));
        }
        for (int port : List.of(8080, 8081, 5001, 5002, 5003, 5004, 5005, 5006)) {
            assumeTrue(!listening(port), "port " + port + " of upstream's ids-advanced.nix is in use");
        }

        long start = System.nanoTime();
        CapturedRun deploy = switchCommand(backend, processes.toString());
        assertEquals(0, deploy.status(), deploy.err());
        for (Map.Entry<Integer, Map<String, Integer>> proxy : PROXIES.entrySet()) {
            for (Map.Entry<String, Integer> webapp : proxy.getValue().entrySet()) {
                String body = get(proxy.getKey(), webapp.getKey());
                assertTrue(body.contains("Simple test webapp listening on port: " + webapp.getValue()),
                        webapp.getKey() + " through " + proxy.getKey() + ": " + body);
            }
        }
        System.out.printf("%s: upstream processes-advanced.nix deployed and answering in %.1f s%n", backend,
                (System.nanoTime() - start) / 1e9);
        assertFalse(deployed().isEmpty());

        CapturedRun undeploy = switchCommand(backend, "--undeploy");
        assertEquals(0, undeploy.status(), undeploy.err());
        long deadline = System.currentTimeMillis() + 10_000;
        while (!deployed().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), deployed(), "processes of the deployment still run after --undeploy");
        for (int port : PROXIES.keySet()) {
            assertFalse(listening(port), "port " + port + " still answers after --undeploy");
        }
    }
}
