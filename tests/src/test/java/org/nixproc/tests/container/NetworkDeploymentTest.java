package org.nixproc.tests.container;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;
import org.nixproc.processmgmt.testdriver.NetworkPlan;
import org.nixproc.processmgmt.testdriver.NetworkTestDriver;
import org.nixproc.processmgmt.testdriver.TestReport;

/**
 * The spec's Disnix example deployed by disnix-env over SSH to two containers, test1 and test2,
 * on a network of their own: the webapp on test1, nginx on test2 proxying to it by hostname;
 * then a failing upgrade rolled back everywhere, a move of the webapp to test2 and back with
 * --rollback, a no-op redeployment and a deployment refused by a target's lock. Every run ends
 * undeployed, with no deployed process left on either machine.
 */
class NetworkDeploymentTest {
    @TempDir
    static Path scratch;

    private static String image;
    private static Map<String, String> env;

    @BeforeAll
    static void docker() throws IOException, InterruptedException {
        image = Docker.image();
        for (String tool : new String[] { "ssh", "ssh-keygen" }) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                String why = "network container tests not run: no " + tool + " (Debian package openssh-client)";
                if ("true".equals(System.getenv("CI"))) {
                    fail(why);
                }
                System.err.println(why);
                Assumptions.abort(why);
            }
        }
        env = new HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", scratch.resolve("store").toString());
        env.put("NIXPROC_STORE_STATE_DIR", scratch.resolve("state").toString());
    }

    private static Path example(String file) {
        return Path.of(System.getProperty("nixproc.root", "..")).resolve("nix-examples/disnix").resolve(file);
    }

    private static NetworkPlan spec() {
        return new NetworkPlan(example("services.nix"), example("infrastructure.nix"), example("distribution.nix"));
    }

    // A command that succeeds within 10 s: a process started in the background listens a moment later.
    private static String eventually(String command) {
        return "for i in $(seq 50); do " + command + " && exit 0; sleep 0.2; done; exit 1";
    }

    private static final String PROXIED = eventually(
            "curl -sf -H 'Host: webapp.local' http://localhost:8080/ | grep -x 'Hello from webapp on port 5000'");

    private record Run(TestReport report, String output) {
        void assertAllPassed() {
            assertTrue(report.ok(), output);
        }
    }

    private static Run run(NetworkPlan plan) throws IOException, InterruptedException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        TestReport report = new NetworkTestDriver(image, env, scratch, new PrintStream(kept, true, StandardCharsets.UTF_8),
                CapturedRun.COMMANDS).run(plan);
        String output = kept.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Run(report, output);
    }

    @Test
    void specExampleProxiesAcrossMachinesAndRedeploysNothing() throws Exception {
        Run r = run(spec()
                .testOn("test2", PROXIED)
                .testOn("test1", "pgrep -f '[a]pp.js' && ! pgrep nginx")
                .testOn("test2", "pgrep nginx && ! pgrep -f '[a]pp.js'")
                .redeployCheck()
                .undeployCheck());
        r.assertAllPassed();
        assertTrue(r.output().matches("(?s).*Services on: test1 \\(test1\\)\\s+webapp  \\(sysvinit-script, container sysvinit-script\\)  /.*"), r.output());
        assertTrue(r.output().matches("(?s).*Services on: test2 \\(test2\\)\\s+nginxReverseProxy  \\(sysvinit-script, container sysvinit-script\\)  /.*"), r.output());
        assertTrue(r.output().contains("\"nginxReverseProxy@test2\" -> \"webapp@test1\" [style=solid];"), r.output());
        assertTrue(r.output().contains("[test1]: activating service 'webapp'"), r.output());
        assertTrue(r.output().indexOf("[test1]: activating service 'webapp'")
                < r.output().indexOf("[test2]: activating service 'nginxReverseProxy'"), r.output());
    }

    @Test
    void failingActivationIsRolledBackEverywhere() throws Exception {
        Run r = run(spec()
                .testOn("test2", PROXIED)
                .upgrade(example("services-failing.nix"), example("distribution-failing.nix"))
                .expectUpgradeFailure()
                .testAfterUpgradeOn("test2", PROXIED)
                .testAfterUpgradeOn("test1", "! curl -s http://localhost:5001/")
                .testAfterUpgradeOn("test1", "test $(ps -C app.js -o pid= | wc -l) = 1")
                .testAfterUpgradeOn("test2", "test $(pgrep -c -f '[n]ginx: master') = 1")
                .undeployCheck());
        r.assertAllPassed();
        assertTrue(r.output().contains("error: the deployment failed: activating service 'broken' on target 'test2' failed;"
                + " the previous configuration was restored"), r.output());
    }

    @Test
    void serviceMovesToAnotherMachineAndRollsBack() throws Exception {
        Run r = run(spec()
                .testOn("test2", PROXIED)
                .testOn("test1", eventually("curl -sf http://localhost:5000/"))
                .upgrade(null, example("distribution-together.nix"))
                .testAfterUpgradeOn("test2", PROXIED)
                .testAfterUpgradeOn("test2", eventually("curl -sf http://localhost:5000/"))
                .testAfterUpgradeOn("test1", "! ps -C app.js")
                .rollbackCheck()
                .undeployCheck());
        r.assertAllPassed();
        assertTrue(r.output().contains("[test1]: deactivating service 'webapp'"), r.output());
        assertTrue(r.output().contains("[test2]: activating service 'webapp'"), r.output());
    }

    @Test
    void lockedTargetRefusesDeployment() throws Exception {
        Run r = run(spec()
                .testOn("test2", PROXIED)
                .testOn("test1", "disnix-run-activity lock someone-else")
                .upgrade(example("services-failing.nix"), example("distribution-failing.nix"))
                .expectUpgradeFailure()
                .testAfterUpgradeOn("test2", PROXIED)
                .testAfterUpgradeOn("test1", "disnix-run-activity unlock someone-else")
                .undeployCheck());
        r.assertAllPassed();
        assertTrue(r.output().contains("error: cannot lock target 'test1': the target is locked by another deployment (someone-else)"),
                r.output());
        assertTrue(!r.output().contains("activating service 'broken'"), r.output());
    }
}
