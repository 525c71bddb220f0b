package org.nixproc.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of nix-examples/ deployed for real, with the spec's commands, as an unprivileged
 * deployment would be (a scratch stateDir, forceDisableUserChange, ports shifted above 10000):
 * the Node.js web applications and nginx reverse proxies answer over HTTP with virtual hosts,
 * an upgrade keeps the unchanged processes running, stopping leaves no process behind and a
 * process that cannot start is reported by name. Skipped when nginx, node or daemon is missing.
 */
class ExamplesEndToEndTest {
    @TempDir
    static Path shared;

    private Deployment d;
    // rc directories deployed by the running test, stopped afterwards whatever happened.
    private final List<Path> deployed = new ArrayList<>();

    @BeforeAll
    static void tools() {
        for (String tool : List.of("nginx", "node", "daemon")) {
            Assumptions.assumeTrue(Deployment.installed(tool),
                    tool + " is not installed (apt-get install nginx-light nodejs daemon): examples not deployed");
        }
    }

    @BeforeEach
    void setUp(TestInfo info) throws IOException {
        Path root = Files.createDirectories(shared.resolve(info.getTestMethod().orElseThrow().getName()));
        d = new Deployment(root, shared.resolve("store"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (int i = deployed.size() - 1; i >= 0; i--) {
                d.run(d.root, "rcactivity", "stop", deployed.get(i).toString());
            }
            assertTrue(eventually(() -> d.processes().isEmpty()), () -> "left running: " + describe(d.processes()));
        } finally {
            d.killAll();
        }
    }

    /** The spec's single webapp: built alone and started with its init script, then the whole profile. */
    @Test
    void simpleWebappAndReverseProxy() throws Exception {
        Path simple = Deployment.example("simple");
        assertEquals(0, d.build(simple.resolve("processes.nix"), d.root.resolve("result"), "-A", "webapp"), d.lastErr);
        String script = d.root.resolve("result/etc/rc.d/init.d/webapp").toString();
        Deployment.Result start = d.exec(script, "start");
        assertEquals(0, start.status(), start.out());
        try {
            assertEquals("Hello from webapp on port " + d.port(5000) + "\n", Deployment.get("localhost", d.port(5000)));
            assertEquals(0, d.exec(script, "status").status());
        } finally {
            assertEquals(0, d.exec(script, "stop").status());
        }
        assertNotEquals(0, d.exec(script, "status").status(), "stopped");

        // nginx alone builds with its unprivileged port and state directory.
        assertEquals(0, d.build(simple.resolve("processes.nix"), d.root.resolve("nginx"), "-A", "nginxReverseProxy"), d.lastErr);
        String conf = nginxConf(d.root.resolve("nginx/etc/rc.d/init.d/nginx"));
        assertTrue(conf.contains("listen " + d.port(8080) + ";") && conf.contains("server_name webapp.local;")
                && conf.contains("pid " + d.stateDir + "/run/nginx.pid;") && !conf.contains("\nuser "), conf);

        assertEquals(0, d.build(simple.resolve("profile.nix"), d.root.resolve("profile")), d.lastErr);
        Path rc3 = deploy(d.root.resolve("profile/etc/rc.d/rc3.d"));
        assertEquals("Hello from webapp on port " + d.port(5000) + "\n", Deployment.get("webapp.local", d.port(8080)));
        assertEquals(0, d.run(d.root, "rcactivity", "status", rc3.toString()), d.lastErr + d.lastOut);
        assertEquals(2, d.lastOut.lines().filter(l -> l.contains("is running")).count(), d.lastOut);
    }

    /**
     * The multi-instance composition, reached as an upgrade: first one webapp behind nginx, then
     * the six webapps and two proxies, the unchanged webapp1 keeping its process; then stop all.
     */
    @Test
    void multiInstanceUpgradeAndStop() throws Exception {
        Path multi = Deployment.example("multi-instance");
        assertEquals(0, d.build(multi.resolve("profile.nix"), d.root.resolve("oldresult"),
                "--arg", "processesFile", multi.resolve("processes-one.nix").toString()), d.lastErr);
        Path old = deploy(d.root.resolve("oldresult/etc/rc.d/rc3.d"));
        assertEquals("Hello from webapp1 on port " + d.port(5000) + "\n", Deployment.get("webapp1.local", d.port(8080)));
        long webapp1 = d.pid("webapp1");
        long nginx = d.pid("nginx");
        assertTrue(webapp1 > 0 && nginx > 0);

        assertEquals(0, d.build(multi.resolve("profile.nix"), d.root.resolve("result")), d.lastErr);
        Path rc3 = d.root.resolve("result/etc/rc.d/rc3.d");
        deployed.add(rc3);
        assertEquals(0, d.run(d.root, "rcswitch", rc3.toString(), old.toString()), d.lastErr + d.lastOut);
        deployed.remove(old);
        assertEquals(webapp1, d.pid("webapp1"), "the unchanged webapp1 keeps its process");
        assertFalse(d.lastOut.contains("Starting Web application webapp1"), d.lastOut);
        assertTrue(eventually(() -> !Deployment.alive(nginx)), "the old nginx (another configuration) was stopped");

        int[][] hosts = { { 1, 5000, 8080 }, { 2, 5001, 8080 }, { 3, 5002, 8080 }, { 4, 5003, 8080 }, { 5, 6002, 8081 },
            { 6, 6003, 8081 } };
        for (int[] h : hosts) {
            assertEquals("Hello from webapp" + h[0] + " on port " + d.port(h[1]) + "\n",
                    Deployment.get("webapp" + h[0] + ".local", d.port(h[2])));
        }
        assertEquals(0, d.run(d.root, "rcactivity", "status", rc3.toString()), d.lastErr + d.lastOut);
        assertEquals(8, d.lastOut.lines().filter(l -> l.contains("is running")).count(), d.lastOut);

        List<ProcessHandle> running = d.processes();
        assertTrue(running.size() >= 8, describe(running));
        assertEquals(0, d.run(d.root, "rcactivity", "stop", rc3.toString()), d.lastErr + d.lastOut);
        deployed.remove(rc3);
        assertTrue(eventually(() -> running.stream().noneMatch(p -> Deployment.alive(p.pid()))),
                () -> "still running after stop: " + describe(d.processes()));
        assertTrue(d.processes().isEmpty(), () -> describe(d.processes()));
    }

    /** nginx cannot bind its port: rcswitch fails, naming it, and the others still run. */
    @Test
    void failingProcessIsReportedByName() throws Exception {
        Path simple = Deployment.example("simple");
        assertEquals(0, d.build(simple.resolve("profile.nix"), d.root.resolve("result")), d.lastErr);
        Path rc3 = d.root.resolve("result/etc/rc.d/rc3.d");
        deployed.add(rc3);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", d.port(8080)));
            int status = d.run(d.root, "rcswitch", rc3.toString());
            assertNotEquals(0, status, d.lastOut + d.lastErr);
            assertTrue(d.lastErr.contains("'nginx'") && d.lastOut.contains("nginx... FAIL"), d.lastOut + d.lastErr);
        }
        assertEquals("Hello from webapp on port " + d.port(5000) + "\n", Deployment.get("localhost", d.port(5000)));
    }

    /** Credentials: a user and group per webapp when deployed as root; none with forceDisableUserChange. */
    @Test
    void credentials() throws Exception {
        Path multi = Deployment.example("multi-instance");
        assertEquals(0, d.run(d.root, "nix-build", multi.resolve("processes.nix").toString(), "-A", "webapp3.pkg",
                "-o", d.root.resolve("root").toString()), d.lastErr);
        Path users = d.root.resolve("root/dysnomia-support/users/webapp3");
        assertTrue(Files.readString(users).contains("group=webapp3"), Files.readString(users));
        assertTrue(Files.exists(d.root.resolve("root/dysnomia-support/groups/webapp3")));
        assertTrue(Files.readString(d.root.resolve("root/etc/rc.d/init.d/webapp3")).contains("webapp3"));

        assertEquals(0, d.build(multi.resolve("processes.nix"), d.root.resolve("user"), "-A", "webapp3.pkg"), d.lastErr);
        assertFalse(Files.exists(d.root.resolve("user/dysnomia-support/groups")));
        assertFalse(Files.exists(d.root.resolve("user/dysnomia-support/users/webapp3")));
    }

    /** The README's main command, bin/nixproc-demo: deploys, answers for webapp1.local, stops. */
    @Test
    void mainCommand() throws Exception {
        Path demo = Deployment.repo().resolve("bin/nixproc-demo");
        Assumptions.assumeTrue(Files.exists(Deployment.repo().resolve("target/nixproc.jar")), "the jar is not built");
        d.env.put("NIXPROC_DEMO_DIR", d.root.resolve("demo").toString());
        d.env.put("NIXPROC_DEMO_PORT_OFFSET", Integer.toString(d.offset));
        d.env.put("NIXPROC_DAEMON", "0");
        deployed.add(d.root.resolve("demo/current/etc/rc.d/rc3.d"));
        Deployment.Result r = d.exec(demo.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Hello from webapp1 on port " + d.port(5000)), r.out());
        Deployment.Result stop = d.exec(demo.toString(), "stop");
        assertEquals(0, stop.status(), stop.out());
        deployed.clear();
        assertTrue(eventually(() -> d.processes().isEmpty()), () -> describe(d.processes()));
    }

    private Path deploy(Path rc3) throws InterruptedException {
        deployed.add(rc3);
        assertEquals(0, d.run(d.root, "rcswitch", rc3.toString()), d.lastErr + d.lastOut);
        return rc3;
    }

    // The nginx.conf store path named on the init script's command line.
    private static String nginxConf(Path script) throws IOException {
        String text = Files.readString(script);
        int c = text.indexOf(" -c ");
        String path = text.substring(c + 4, text.indexOf(' ', c + 4));
        return Files.readString(Path.of(path));
    }

    private static String describe(List<ProcessHandle> ps) {
        Map<Long, String> m = new HashMap<>();
        ps.forEach(p -> m.put(p.pid(), p.info().commandLine().orElse("?")));
        return m.toString();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Check c) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
