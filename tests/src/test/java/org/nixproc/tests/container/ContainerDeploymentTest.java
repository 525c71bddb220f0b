package org.nixproc.tests.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.processmgmt.testdriver.ContainerOwner;
import org.nixproc.processmgmt.testdriver.TestDriver;
import org.nixproc.processmgmt.testdriver.TestPlan;
import org.nixproc.processmgmt.testdriver.TestProfile;
import org.nixproc.processmgmt.testdriver.TestReport;
import org.testcontainers.DockerClientFactory;

/**
 * The spec's examples and a composition none of them shares code with, each deployed in a fresh
 * Docker container by the test driver, in both profiles: as root with users and groups really
 * created (and each web application running as its own user), and as an unprivileged user.
 * Every run ends with the undeployment checks of the driver: no process left, accounts removed.
 * Each waits for the services behind nginx as well as for nginx: one listening says nothing of the other.
 */
class ContainerDeploymentTest {
    @TempDir
    static Path scratch;

    /** The ports of webapp1..6 in the multi-instance example. */
    private static final int[] WEBAPP_PORTS = { 5000, 5001, 5002, 5003, 6002, 6003 };

    private static String image;
    private static Map<String, String> env;

    @BeforeAll
    static void docker() throws IOException, InterruptedException {
        image = Docker.image();
        env = new HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", scratch.resolve("store").toString());
        env.put("NIXPROC_STORE_STATE_DIR", scratch.resolve("state").toString());
    }

    private static Path example(String path) {
        return Path.of(System.getProperty("nixproc.root", "..")).resolve("nix-examples").resolve(path);
    }

    /** A file of one of the compositions only these tests use (tests/src/test/resources/container/NAME). */
    private static Path unseen(String name, String file) {
        return Path.of(System.getProperty("nixproc.root", "..")).resolve("tests/src/test/resources/container")
                .resolve(name).resolve(file);
    }

    private static Path counter(String file) {
        return unseen("counter", file);
    }

    private static Path greeter(String file) {
        return unseen("greeter", file);
    }

    /** Runs a plan; the report, and the driver's output (kept for the assertions, then printed). */
    private record Run(TestReport report, String output) {
        void assertAllPassed() {
            assertTrue(report.ok(), output);
        }
    }

    private static Run run(TestPlan plan) throws IOException, InterruptedException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        TestReport report = new TestDriver(image, env, scratch, new PrintStream(kept, true, StandardCharsets.UTF_8)).run(plan);
        String output = kept.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(report, output);
    }

    private static String curl(int port, String host, String expected) {
        return "curl -sf -H 'Host: " + host + "' http://localhost:" + port + "/ | grep -x '" + expected + "'";
    }

    @Test
    void simpleExampleAsRoot() throws Exception {
        Run r = run(TestPlan.of(example("simple/processes.nix"))
                .waitForPort(5000)
                .waitForPort(80)
                .test(curl(80, "webapp.local", "Hello from webapp on port 5000"))
                .test("pgrep -u webapp -f '[a]pp.js'")
                .build());
        r.assertAllPassed();
        assertTrue(r.report().check("users and groups created: users [webapp], groups [webapp]").isPresent(), r.output());
        assertTrue(r.report().check("users and groups removed: users [webapp], groups [webapp]").isPresent(), r.output());
    }

    @Test
    void simpleExampleUnprivileged() throws Exception {
        Run r = run(TestPlan.of(example("simple/processes.nix"))
                .profile(TestProfile.UNPRIVILEGED)
                .waitForPort(5000)
                .waitForPort(8080)
                .test(curl(8080, "webapp.local", "Hello from webapp on port 5000"))
                .test("pgrep -u unprivileged -f '[a]pp.js' && ! getent passwd webapp")
                .test("test -s $STATE_DIR/run/webapp.pid || test -s $STATE_DIR/tmp/webapp.pid")
                .build());
        r.assertAllPassed();
        assertFalse(r.output().contains("users and groups"), r.output());
    }

    /** The spec's upgrade: simple to multi-instance; webapp's user goes, webapp1..6 each run as their own. */
    @Test
    void upgradeSimpleToMultiInstanceAsRoot() throws Exception {
        TestPlan.Builder plan = TestPlan.of(example("simple/processes.nix"))
                .waitForPort(5000)
                .waitForPort(80)
                .test(curl(80, "webapp.local", "Hello from webapp on port 5000"))
                .upgrade(example("multi-instance/processes.nix"))
                .waitForPortAfterUpgrade(8080)
                .waitForPortAfterUpgrade(8081)
                .testAfterUpgrade("! getent passwd webapp")
                .testAfterUpgrade("ps -C app.js -o user= | sort | tr '\\n' ' '"
                        + " | grep -x 'webapp1 webapp2 webapp3 webapp4 webapp5 webapp6 '");
        for (int i = 1; i <= 6; i++) {
            plan.waitForPortAfterUpgrade(WEBAPP_PORTS[i - 1]);
        }
        for (int i = 1; i <= 6; i++) {
            plan.testAfterUpgrade(curl(i <= 4 ? 8080 : 8081, "webapp" + i + ".local",
                    "Hello from webapp" + i + " on port " + WEBAPP_PORTS[i - 1]));
        }
        Run r = run(plan.build());
        r.assertAllPassed();
        assertTrue(r.output().contains("Stopping Web application webapp... OK"), r.output());
    }

    /** Unprivileged multi-instance: one webapp upgraded to six, webapp1 keeps its PID. */
    @Test
    void multiInstanceUnprivilegedKeepsUnchangedProcesses() throws Exception {
        Run r = run(TestPlan.of(example("multi-instance/processes-one.nix"))
                .profile(TestProfile.UNPRIVILEGED)
                .waitForPort(5000)
                .waitForPort(8080)
                .test(curl(8080, "webapp1.local", "Hello from webapp1 on port 5000"))
                .test("pgrep -u unprivileged -x app.js > ~/before && test $(wc -l < ~/before) = 1")
                .upgrade(example("multi-instance/processes.nix"))
                .waitForPortAfterUpgrade(8081)
                .waitForPortAfterUpgrade(6003)
                .testAfterUpgrade(curl(8081, "webapp6.local", "Hello from webapp6 on port 6003"))
                .testAfterUpgrade(curl(8080, "webapp1.local", "Hello from webapp1 on port 5000"))
                .testAfterUpgrade("pgrep -x app.js | grep -x $(cat ~/before) && test $(pgrep -x app.js | wc -l) = 6")
                .build());
        r.assertAllPassed();
        assertTrue(r.output().contains("Starting Web application webapp6... OK"), r.output());
        assertFalse(r.output().contains("Starting Web application webapp1... OK\n     Starting Web application webapp2"),
                r.output());
    }

    /** A composition the examples don't share, deployed as root, upgraded: changed and new processes only. */
    @Test
    void pythonServicesBehindNginxAsRoot() throws Exception {
        Run r = run(greeterPlan(TestProfile.PRIVILEGED, 80).build());
        r.assertAllPassed();
        assertTrue(r.report().check("users and groups removed: users [greeter1, greeter2, greeter3],"
                + " groups [greeter1, greeter2, greeter3]").isPresent(), r.output());
    }

    @Test
    void pythonServicesBehindNginxUnprivileged() throws Exception {
        Run r = run(greeterPlan(TestProfile.UNPRIVILEGED, 8080).build());
        r.assertAllPassed();
    }

    private static TestPlan.Builder greeterPlan(TestProfile profile, int port) {
        String user1 = profile == TestProfile.PRIVILEGED ? "greeter1" : "unprivileged";
        String user2 = profile == TestProfile.PRIVILEGED ? "greeter2" : "unprivileged";
        return TestPlan.of(greeter("processes.nix"))
                .profile(profile)
                .waitForPort(7001)
                .waitForPort(7002)
                .waitForPort(port)
                .test(curl(port, "greeter1.local", "Hello from greeter1 (user " + user1 + ")"))
                .test(curl(port, "greeter2.local", "Hello from greeter2 (user " + user2 + ")"))
                .test("curl -sf -H 'Host: greeter1.local' http://localhost:" + port + "/pid > ~/greeter1.pid")
                .upgrade(greeter("processes-v2.nix"))
                .waitForPortAfterUpgrade(7003)
                .waitForPortAfterUpgrade(port)
                .testAfterUpgrade(curl(port, "greeter2.local", "Howdy from greeter2 (user " + user2 + ")"))
                .testAfterUpgrade(curl(port, "greeter3.local", "Hi from greeter3 (user "
                        + (profile == TestProfile.PRIVILEGED ? "greeter3" : "unprivileged") + ")"))
                .testAfterUpgrade(curl(port, "greeter1.local", "Hello from greeter1 (user " + user1 + ")"))
                .testAfterUpgrade("curl -sf -H 'Host: greeter1.local' http://localhost:" + port + "/pid | grep -x \"$(cat ~/greeter1.pid)\"");
    }

    /**
     * Another unseen composition, of Node.js services: counters behind an nginx load balancer, each
     * keeping its count in a state directory its script makes; the upgrade adds a counter and
     * leaves the others running with their counts.
     */
    @ParameterizedTest
    @EnumSource(TestProfile.class)
    void nodeServicesBehindALoadBalancer(TestProfile profile) throws Exception {
        boolean root = profile == TestProfile.PRIVILEGED;
        int port = root ? 90 : 9090;
        String hits = "curl -sf http://localhost:6002/ | grep -o '\"hits\":[0-9]*' | cut -d: -f2";
        String pid = "curl -sf http://localhost:6002/ | grep -o '\"pid\":[0-9]*'";
        String balanced = "for i in 1 2 3 4 5 6; do curl -sf http://localhost:" + port + "/; done"
                + " | grep -o '\"service\":\"[a-z0-9]*\"' | sort -u | wc -l | grep -x ";
        Run r = run(TestPlan.of(counter("processes.nix"))
                .profile(profile)
                .waitForPort(6001)
                .waitForPort(6002)
                .waitForPort(port)
                .test(balanced + "2")
                .test("curl -sf http://localhost:6001/ | grep -q '\"user\":\"" + (root ? "counter1" : "unprivileged") + "\"'")
                .test("test \"$(stat -c %U $STATE_DIR/lib/counter2)\" = " + (root ? "counter2" : "unprivileged"))
                .test("test \"$(" + hits + ")\" -ge 1 && " + hits + " > ~/hits && " + pid + " > ~/pid")
                .upgrade(counter("processes-v2.nix"))
                .waitForPortAfterUpgrade(6003)
                .waitForPortAfterUpgrade(port)
                .testAfterUpgrade(balanced + "3")
                .testAfterUpgrade("curl -sf http://localhost:6003/ | grep -q '\"user\":\"" + (root ? "counter3" : "unprivileged") + "\"'")
                // counter2 kept running (same PID), and its count went on from where it was.
                .testAfterUpgrade(pid + " | grep -x \"$(cat ~/pid)\"")
                .testAfterUpgrade("test \"$(" + hits + ")\" -gt \"$(cat ~/hits)\"")
                .build());
        r.assertAllPassed();
        assertEquals(root, r.report().check("users and groups removed: users [counter1, counter2, counter3],"
                + " groups [counter1, counter2, counter3]").isPresent(), r.output());
    }

    /** A process that cannot start fails the deployment, by name; the others run; all is undeployed. */
    @Test
    void failingProcessIsReported() throws Exception {
        Run r = run(TestPlan.of(greeter("processes.nix"))
                .arg("broken", "true")
                .waitForPort(7001)
                .waitForPort(80)
                .test(curl(80, "greeter1.local", "Hello from greeter1 (user greeter1)"))
                .build());
        assertEquals(1, r.report().failed(), r.output());
        assertFalse(r.report().check("deploy").orElseThrow().passed(), r.output());
        assertTrue(r.output().contains("error: process 'broken' failed to start"), r.output());
        assertTrue(r.report().check("no deployed process left").orElseThrow().passed(), r.output());
        assertTrue(r.output().endsWith(r.report().passed() + " passed, 1 failed\n"), r.output());
    }

    /** A process that starts but stops at once: its port never opens, and what it said is shown. */
    @Test
    void whatACrashingProcessSaidIsShown() throws Exception {
        Run r = run(TestPlan.of(greeter("processes.nix"))
                .profile(TestProfile.UNPRIVILEGED)
                .arg("crashing", "true")
                .waitForPort(7001)
                .waitForPort(7009)
                .portTimeout(java.time.Duration.ofSeconds(2))
                .build());
        assertFalse(r.report().check("port 7009 open").orElseThrow().passed(), r.output());
        assertTrue(r.report().check("port 7001 open").orElseThrow().passed(), r.output());
        assertTrue(r.output().contains("FAIL port 7009 open\n     nothing listened on port 7009 within 2 s\n"
                + "     last lines of /home/unprivileged/var/log/nixproc-crashing.log:\n"
                + "       crashing: no configuration in /home/unprivileged/var/crashing.conf\n"), r.output());
    }

    /**
     * A container whose driver run was killed (its owner process is gone) is removed by the next
     * run; one whose run is alive (here, this JVM's own) is not.
     */
    @Test
    void containersOfKilledRunsAreRemovedByTheNextRun() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        ContainerOwner self = ContainerOwner.current();
        // No process has PID 999999999 (Linux's pid_max is at most 2^22).
        String orphan = idle(docker, new ContainerOwner(self.host(), 999_999_999L, self.startMillis()));
        String alive = idle(docker, self);
        try {
            Run r = run(TestPlan.of(example("simple/processes.nix")).waitForPort(5000).build());
            r.assertAllPassed();
            assertTrue(r.output().contains("--- removed 1 container left by a killed test run\n"), r.output());
            assertTrue(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(orphan)).exec().isEmpty());
            assertEquals(1, docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(alive)).exec().size());
        } finally {
            for (String id : List.of(orphan, alive)) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException e) {
                    // Removed by the run, as it should be.
                }
            }
        }
    }

    /** A container of the test image that does nothing, labelled as belonging to {@code owner}. */
    private static String idle(DockerClient docker, ContainerOwner owner) {
        String id = docker.createContainerCmd(image).withCmd("sleep", "infinity")
                .withLabels(Map.of(ContainerOwner.LABEL, owner.label())).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }
}
