package org.nixproc.tests.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nixproc.cli.CapturedRun;
import org.nixproc.processmgmt.testdriver.TestDriver;
import org.nixproc.processmgmt.testdriver.TestPlan;
import org.nixproc.processmgmt.testdriver.TestProfile;
import org.nixproc.processmgmt.testdriver.TestReport;

/**
 * Upstream nix-processmgmt's unchanged examples/webapps-agnostic/processes-advanced.nix, built
 * with our {@code <nixpkgs>} on the host and deployed by each process manager in a fresh
 * container, in both profiles: the six C web applications answer through both nginx proxies by
 * their Host names, and the undeployment leaves no process (and, privileged, no user) behind.
 * Upstream's sysvinit backend needs the LFS bootscripts tarball its init-functions fetch; with no
 * network, that case runs only where a copy lies beside upstream's checkout.
 */
class UpstreamAgnosticContainerTest {
    private static final String LFS_BOOTSCRIPTS = "lfs-bootscripts-20190524.tar.xz";

    @TempDir
    static Path scratch;

    private static String image;
    private static Map<String, String> env;

    private static Path upstream() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize()
                .resolve("../shared/upstream/nix-processmgmt").normalize();
    }

    @BeforeAll
    static void docker() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(upstream()), "upstream nix-processmgmt not found at " + upstream());
        image = Docker.image();
        env = new HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", scratch.resolve("store").toString());
        env.put("NIXPROC_STORE_STATE_DIR", scratch.resolve("state").toString());
    }

    /** Every web application of the example through its proxy: a shell command for the container. */
    private static String curlAll() {
        StringBuilder s = new StringBuilder();
        int[][] webapps = { { 8080, 1 }, { 8080, 2 }, { 8080, 3 }, { 8080, 4 }, { 8081, 5 }, { 8081, 6 } };
        for (int[] w : webapps) {
            s.append(s.length() == 0 ? "" : " && ").append("curl -sf -H 'Host: webapp").append(w[1])
                    .append(".local' http://localhost:").append(w[0]).append("/ | grep -q 'listening on port: 500")
                    .append(w[1]).append("'");
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "supervisord, PRIVILEGED", "supervisord, UNPRIVILEGED", "systemd, PRIVILEGED", "systemd, UNPRIVILEGED",
            "sysvinit, PRIVILEGED", "sysvinit, UNPRIVILEGED" })
    void deploysAnswersThroughNginxAndUndeploys(String processManager, TestProfile profile) throws Exception {
        if (processManager.equals("sysvinit")) {
            Path tarball = upstream().resolveSibling(LFS_BOOTSCRIPTS);
            assumeTrue(Files.isRegularFile(tarball), "upstream's sysvinit init-functions fetch " + LFS_BOOTSCRIPTS
                    + " from linuxfromscratch.org (no network here); put a copy at " + tarball);
            CapturedRun added = CapturedRun.run("nix-store", env, scratch.toString(), "--add-fixed", "sha256",
                    tarball.toString());
            assertEquals(0, added.status(), added.err());
        }
        TestPlan plan = TestPlan.of(upstream().resolve("examples/webapps-agnostic/processes-advanced.nix"))
                .processManager(processManager)
                .profile(profile)
                .waitForPort(8080)
                .waitForPort(8081)
                .test(curlAll())
                .build();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        TestReport report = new TestDriver(image, env, scratch, new PrintStream(kept, true, StandardCharsets.UTF_8)).run(plan);
        String output = kept.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertTrue(report.ok(), output);
        assertTrue(report.check("no deployed process left").map(TestReport.Check::passed).orElse(false), output);
    }
}
