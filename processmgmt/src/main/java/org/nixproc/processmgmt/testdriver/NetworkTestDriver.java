package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.processmgmt.disnix.InfrastructureModel;
import org.testcontainers.containers.Network;

/**
 * Tests a distributed deployment on a network of Docker containers: one container per target of
 * the infrastructure model, on a network of their own where each is reached by its address (its
 * hostname property), each running sshd with a key made for the run. {@code disnix-env} deploys
 * the models from this machine over SSH (published ports on 127.0.0.1, an ssh_config naming them
 * through {@code SSH_OPTS}); then the tests run on their targets, the optional checks and
 * redeployment follow, and finally everything is undeployed. Each step is printed; the containers
 * and the network are removed in every case.
 */
public final class NetworkTestDriver {
    private static final Pattern FINISHED = Pattern.compile("deployment finished \\(generation [0-9]+\\): ([0-9]+) store paths copied, "
            + "([0-9]+) services deactivated, ([0-9]+) activated");

    private final String image;
    private final Map<String, String> env;
    private final Path cwd;
    private final PrintStream out;
    private final CommandRunner commands;

    /** A driver running the Disnix commands through {@code commands}. */
    public NetworkTestDriver(String image, Map<String, String> env, Path cwd, PrintStream out, CommandRunner commands) {
        this.image = image;
        this.env = env;
        this.cwd = cwd;
        this.out = out;
        this.commands = commands;
    }

    public TestReport run(NetworkPlan plan) throws IOException, InterruptedException {
        TestReport report = new TestReport(out);
        Map<String, String> targets;
        try {
            targets = targets(plan.infrastructure);
        } catch (IllegalArgumentException e) {
            report.record("read the infrastructure model", false, e.getMessage());
            out.println(report.summary());
            return report;
        }
        Path work = Files.createTempDirectory("nixproc-test-network");
        Path runtime = ContainerJava.runtime(env, out);
        Path jar = ContainerJava.jar();
        TestContainer.removeOrphans();
        Map<String, TestContainer> containers = new LinkedHashMap<>();
        try (Network network = Network.newNetwork()) {
            try {
                String publicKey = sshKey(work);
                for (Map.Entry<String, String> t : targets.entrySet()) {
                    report.step("starting target " + t.getKey() + " (" + t.getValue() + ") on the test network");
                    containers.put(t.getKey(), TestContainer.start(image, runtime, jar, report, false, c -> c.withNetwork(network)
                            .withNetworkAliases(t.getValue())
                            .withCreateContainerCmdModifier(cmd -> cmd.withHostName(t.getValue()))
                            .withExposedPorts(22)
                            .withCommand("sh", "-c", "ssh-keygen -A >/dev/null && mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e")));
                    TestContainer c = containers.get(t.getKey());
                    c.check(c.shell("root", Map.of(), "mkdir -p -m 700 /root/.ssh && printf '%s\\n' "
                            + org.nixproc.processmgmt.sysvinit.ShellQuote.quote(publicKey)
                            + " > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys"));
                }
                writeSshConfig(work, targets, containers);
                new Run(plan, report, work, targets, containers).all();
            } finally {
                for (TestContainer c : containers.values()) {
                    c.close();
                }
            }
        } finally {
            deleteTree(work);
        }
        if (report.interrupted()) {
            return report;
        }
        report.step("containers and network removed");
        out.println(report.summary());
        out.flush();
        return report;
    }

    // Target name -> address, from the infrastructure model.
    private Map<String, String> targets(Path infrastructure) throws InterruptedException {
        Map<String, String> targets = new LinkedHashMap<>();
        InfrastructureModel.read(env, cwd, infrastructure).values().forEach(m -> targets.put(m.name(), m.address()));
        return targets;
    }

    private static String sshKey(Path work) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "nixproc-test-network",
                "-f", work.resolve("id_ed25519").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output.strip());
        }
        return Files.readString(work.resolve("id_ed25519.pub")).strip();
    }

    private static void writeSshConfig(Path work, Map<String, String> targets, Map<String, TestContainer> containers)
            throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            b.append("Host ").append(t.getValue()).append('\n')
                    .append("  HostName 127.0.0.1\n")
                    .append("  Port ").append(containers.get(t.getKey()).mappedPort(22)).append('\n')
                    .append("  User root\n")
                    .append("  IdentityFile ").append(work.resolve("id_ed25519")).append('\n')
                    .append("  IdentitiesOnly yes\n  BatchMode yes\n  ConnectTimeout 20\n")
                    .append("  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n")
                    // One connection per target for the whole run: a deployment makes many short calls.
                    .append("  ControlMaster auto\n  ControlPath ").append(work.resolve("ssh-%C")).append("\n  ControlPersist 30\n");
        }
        Files.writeString(work.resolve("ssh_config"), b.toString());
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The steps of one run. */
    private final class Run {
        private final NetworkPlan plan;
        private final TestReport report;
        private final Map<String, String> targets;
        private final Map<String, TestContainer> containers;
        private final Map<String, String> deployEnv;
        private final List<String> common;

        Run(NetworkPlan plan, TestReport report, Path work, Map<String, String> targets, Map<String, TestContainer> containers) {
            this.plan = plan;
            this.report = report;
            this.targets = targets;
            this.containers = containers;
            this.deployEnv = new LinkedHashMap<>(env);
            deployEnv.put("SSH_OPTS", "-F " + work.resolve("ssh_config"));
            deployEnv.remove("DISNIX_CLIENT_INTERFACE");
            this.common = List.of("--coordinator-profile-path", work.resolve("coordinator").toString());
        }

        void all() throws IOException, InterruptedException {
            List<String> models = models(plan.services, plan.distribution);
            Deploy first = deploy("deploy", models);
            if (!report.record("deploy", first.status() == 0, "disnix-env exited with " + first.status())) {
                return;
            }
            tests(plan.tests);
            inspect();
            if (plan.redeployCheck) {
                Map<String, String> before = processes();
                Deploy again = deploy("redeploy the same models", models);
                report.record("no-op redeployment: nothing copied, stopped or started",
                        again.status() == 0 && again.copied() == 0 && again.deactivated() == 0 && again.activated() == 0,
                        "disnix-env exited with " + again.status() + ", copied " + again.copied() + ", deactivated "
                                + again.deactivated() + ", activated " + again.activated());
                report.record("no-op redeployment: the same processes run", before.equals(processes()),
                        "before: " + before + "\nafter: " + processes());
            }
            if (plan.upgrades()) {
                Deploy up = deploy("upgrade", models(plan.upgradeServices != null ? plan.upgradeServices : plan.services,
                        plan.upgradeDistribution != null ? plan.upgradeDistribution : plan.distribution));
                if (plan.expectUpgradeFailure) {
                    report.record("the upgrade fails", up.status() != 0, "disnix-env succeeded");
                } else {
                    report.record("upgrade", up.status() == 0, "disnix-env exited with " + up.status());
                }
                tests(plan.testsAfterUpgrade);
                if (plan.rollbackCheck) {
                    Deploy back = deploy("rollback", List.of("--rollback"));
                    report.record("rollback", back.status() == 0, "disnix-env --rollback exited with " + back.status());
                    tests(plan.tests);
                }
            }
            Deploy gone = deploy("undeploy", List.of("--undeploy"));
            report.record("undeploy", gone.status() == 0, "disnix-env --undeploy exited with " + gone.status());
            if (plan.undeployCheck) {
                Map<String, String> left = processes();
                left.values().removeIf(String::isEmpty);
                report.record("no deployed process left on any target", left.isEmpty(), "still running: " + left);
            }
        }

        // What disnix-query and disnix-visualize say of the deployment.
        private void inspect() throws InterruptedException {
            report.step("disnix-query -i " + plan.infrastructure);
            CommandRunner.Result q = commands.run("disnix-query", deployEnv, cwd, "-i", plan.infrastructure.toString());
            report.detail((q.out() + q.err()).strip());
            report.record("disnix-query", q.status() == 0, "disnix-query exited with " + q.status());
            report.step("disnix-visualize " + String.join(" ", common));
            CommandRunner.Result v = commands.run("disnix-visualize", deployEnv, cwd, common.toArray(String[]::new));
            report.detail((v.out() + v.err()).strip());
            report.record("disnix-visualize", v.status() == 0 && v.out().startsWith("digraph"), "disnix-visualize exited with " + v.status());
        }

        private List<String> models(Path services, Path distribution) {
            List<String> args = new ArrayList<>(List.of("-s", services.toString(), "-i", plan.infrastructure.toString(),
                    "-d", distribution.toString()));
            if (plan.extraParams != null) {
                args.add("--extra-params");
                args.add(plan.extraParams);
            }
            return args;
        }

        /** What one disnix-env run did. */
        private record Deploy(int status, int copied, int deactivated, int activated) {
        }

        private Deploy deploy(String what, List<String> args) throws InterruptedException {
            List<String> all = new ArrayList<>(args);
            all.addAll(common);
            report.step(what + ": disnix-env " + String.join(" ", all));
            long start = System.nanoTime();
            CommandRunner.Result r = commands.run("disnix-env", deployEnv, cwd, all.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            report.detail((r.out() + r.err()).strip());
            Matcher m = FINISHED.matcher(r.err());
            Deploy d = m.find() ? new Deploy(r.status(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))) : new Deploy(r.status(), -1, -1, -1);
            report.step(String.format("%s took %.1f s%s", what, seconds,
                    d.copied() >= 0 ? ", " + d.copied() + " store paths copied" : ""));
            return d;
        }

        private void tests(List<NetworkPlan.TargetTest> tests) throws IOException, InterruptedException {
            for (NetworkPlan.TargetTest t : tests) {
                TestContainer c = containers.get(t.target());
                if (c == null) {
                    report.record("test on " + t.target() + ": " + t.command(), false,
                            "no target '" + t.target() + "' in the infrastructure model " + targets.keySet());
                    continue;
                }
                TestContainer.Result r = c.shell("root", Map.of("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"), t.command());
                report.record("test on " + t.target() + ": " + t.command(), r.status() == 0, "exit code " + r.status() + "\n" + r.both());
            }
        }

        // Per target, the deployed processes (PID and command line), leaving out the container's own.
        private Map<String, String> processes() throws IOException, InterruptedException {
            Map<String, String> all = new LinkedHashMap<>();
            for (Map.Entry<String, TestContainer> e : containers.entrySet()) {
                TestContainer.Result r = e.getValue().exec("root", Map.of(), "ps", "-e", "-o", "pid=,args=");
                all.put(e.getKey(), String.join("; ", r.out().lines().map(String::strip)
                        .filter(l -> !l.startsWith("1 ") && !l.contains("sshd") && !l.contains("ps -e -o")
                                && !l.contains("docker-init") && !l.endsWith("sleep infinity"))
                        .toList()));
            }
            return all;
        }
    }
}
