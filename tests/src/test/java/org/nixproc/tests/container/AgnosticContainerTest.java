package org.nixproc.tests.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nixproc.processmgmt.testdriver.TestDriver;
import org.nixproc.processmgmt.testdriver.TestPlan;
import org.nixproc.processmgmt.testdriver.TestProfile;
import org.nixproc.processmgmt.testdriver.TestReport;

/**
 * The agnostic example (nix-examples/agnostic: the multi-instance composition written once with
 * createManagedProcess) deployed by each process manager in a fresh container, in both profiles:
 * sysvinit with rcswitch, supervisord started by nixproc-supervisord-deploy, and systemd as the
 * container's PID 1 (system units as root, user units through `systemd --user` unprivileged).
 * One web application is upgraded to six behind two proxies: webapp1 keeps its PID, and the
 * undeployment leaves no process and no user behind.
 */
class AgnosticContainerTest {
    @TempDir
    static Path scratch;

    private static String image;
    private static Map<String, String> env;

    @BeforeAll
    static void docker() throws IOException, InterruptedException {
        image = Docker.image();
        env = new HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", scratch.resolve("store").toString());
        env.put("NIXPROC_STORE_STATE_DIR", scratch.resolve("state").toString());
    }

    private static Path example(String file) {
        return Path.of(System.getProperty("nixproc.root", "..")).resolve("nix-examples/agnostic").resolve(file);
    }

    private static String curl(int port, String host, String expected) {
        return "curl -sf -H 'Host: " + host + "' http://localhost:" + port + "/ | grep -x '" + expected + "'";
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "sysvinit, PRIVILEGED", "sysvinit, UNPRIVILEGED", "supervisord, PRIVILEGED",
            "supervisord, UNPRIVILEGED", "systemd, PRIVILEGED", "systemd, UNPRIVILEGED" })
    void upgradesAndUndeploys(String processManager, TestProfile profile) throws Exception {
        String webappUser = profile == TestProfile.PRIVILEGED ? "webapp1" : "unprivileged";
        TestPlan plan = TestPlan.of(example("processes-one.nix"))
                .processManager(processManager)
                .profile(profile)
                .waitForPort(5000)
                .waitForPort(8080)
                .test(curl(8080, "webapp1.local", "Hello from webapp1 on port 5000"))
                .test("pgrep -u " + webappUser + " -f '[a]pp.js'")
                .upgrade(example("processes.nix"))
                .waitForPortAfterUpgrade(6003)
                .waitForPortAfterUpgrade(8081)
                .testAfterUpgrade(curl(8081, "webapp6.local", "Hello from webapp6 on port 6003"))
                .testAfterUpgrade(curl(8080, "webapp4.local", "Hello from webapp4 on port 5003"))
                .build();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        TestReport report = new TestDriver(image, env, scratch, new PrintStream(kept, true, StandardCharsets.UTF_8)).run(plan);
        String output = kept.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertTrue(report.ok(), output);
        String webapp1 = processManager.equals("systemd") ? "nix-process-webapp1" : "webapp1";
        assertTrue(report.check("unchanged processes kept their PIDs: " + webapp1).map(TestReport.Check::passed)
                .orElse(false), output);
        if (profile == TestProfile.PRIVILEGED) {
            assertTrue(report.check("users and groups removed: users [webapp1, webapp2, webapp3, webapp4, webapp5, webapp6],"
                    + " groups [webapp1, webapp2, webapp3, webapp4, webapp5, webapp6]").map(TestReport.Check::passed)
                    .orElse(false), output);
        }
    }
}
