package org.nixproc.processmgmt.testdriver;

import org.nixproc.processmgmt.ExpressionBuild;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.processmgmt.sysvinit.CredentialFiles;

/**
 * Tests a processes expression in a fresh Docker container (upstream's test driver idea, on
 * containers instead of virtual machines): the profile is built on the host, its closure copied
 * into the container and deployed there with the plan's process manager (rcswitch for sysvinit,
 * nixproc-supervisord-deploy, nixproc-systemd-deploy with systemd as the container's PID 1; see
 * {@link Backend}); then the ports are waited for, the test commands run (exit status 0 passes),
 * the optional upgrade is deployed and tested (processes it does not change must keep their
 * PIDs), and finally everything is undeployed and checked to be gone: no process left that was
 * not running before the deployment, no user or group left. Each step is printed as it happens;
 * the container is removed in every case.
 */
public final class TestDriver {
    private final String image;
    private final Map<String, String> env;
    private final Path cwd;
    private final PrintStream out;

    /** A driver using the given base image, this process's environment and working directory. */
    public TestDriver(String image, PrintStream out) {
        this(image, System.getenv(), Path.of("").toAbsolutePath(), out);
    }

    public TestDriver(String image, Map<String, String> env, Path cwd, PrintStream out) {
        this.image = image;
        this.env = env;
        this.cwd = cwd;
        this.out = out;
    }

    public TestReport run(TestPlan plan) throws IOException, InterruptedException {
        TestReport report = new TestReport(out);
        HostBuild host = new HostBuild(env, cwd);
        Path first = build(host, report, plan.processes(), plan);
        Path second = plan.upgrade().isPresent() ? build(host, report, plan.upgrade().get(), plan) : null;
        Backend backend = Backend.of(plan.processManager());
        // Undeploying is deploying the empty profile, except for rcswitch, which takes an empty directory.
        Path empty = first != null && backend != Backend.SYSVINIT ? build(host, report, null, plan) : null;
        if (first != null && (second != null || plan.upgrade().isEmpty()) && (empty != null || backend == Backend.SYSVINIT)) {
            Path runtime = ContainerJava.runtime(env, out);
            int orphans = TestContainer.removeOrphans();
            if (orphans > 0) {
                report.step(orphans == 1 ? "removed 1 container left by a killed test run"
                        : "removed " + orphans + " containers left by killed test runs");
            }
            String containerImage = ManagerImage.forProcessManager(image, plan.processManager(), report);
            report.step("starting a container of " + containerImage + (backend == Backend.SYSTEMD ? " (systemd as PID 1)" : ""));
            try (TestContainer c = TestContainer.start(containerImage, runtime, ContainerJava.jar(), report,
                    backend == Backend.SYSTEMD)) {
                new Run(c, host, report, plan, backend).all(first, second, empty);
            } catch (IOException | RuntimeException e) {
                // Stopped mid-run: the container was removed under the step that failed; the report said so.
                if (!report.interrupted()) {
                    throw e;
                }
            }
            if (report.interrupted()) {
                return report;
            }
            report.step("container removed");
        }
        out.println(report.summary());
        out.flush();
        return report;
    }

    private Path build(HostBuild host, TestReport report, Path processes, TestPlan plan) throws InterruptedException {
        String what = processes == null ? "the empty profile" : "the profile of " + processes;
        report.step("building " + what + " (" + plan.profile().name().toLowerCase() + ", " + plan.processManager() + ")");
        String name = processes == null ? "empty profile" : processes.getFileName().toString();
        try {
            Path profile = host.profile(processes, plan);
            report.record("build " + name, true, "");
            report.detail(profile.toString());
            return profile;
        } catch (ExpressionBuild.Failure e) {
            report.record("build " + name, false, e.getMessage());
            return null;
        }
    }

    /** The steps inside one container. */
    private final class Run {
        private final TestContainer c;
        private final HostBuild host;
        private final TestReport report;
        private final TestPlan plan;
        private final TestProfile profile;
        private final Backend backend;
        private final Set<Path> copied = new HashSet<>();
        private final Map<String, String> userEnv = new LinkedHashMap<>();
        // What ran before the deployment (systemd's own processes, ...): not the processes' to stop.
        private Set<String> baseline = Set.of();

        Run(TestContainer c, HostBuild host, TestReport report, TestPlan plan, Backend backend) {
            this.c = c;
            this.host = host;
            this.report = report;
            this.plan = plan;
            this.profile = plan.profile();
            this.backend = backend;
            userEnv.put("HOME", profile.home());
            userEnv.put("USER", profile.user());
            userEnv.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin");
            userEnv.put("STATE_DIR", profile.stateDir());
        }

        void all(Path first, Path second, Path empty) throws IOException, InterruptedException {
            if (!profile.user().equals("root")) {
                c.check(c.exec("root", Map.of(), "useradd", "--create-home", "--shell", "/bin/bash", profile.user()));
                if (backend == Backend.SYSTEMD) {
                    userManager();
                }
            }
            baseline = new HashSet<>(processTable());
            Path current = first;
            deploy("deploy", first, null);
            credentialsPresent(first);
            ports(plan.ports());
            tests(plan.tests());
            if (second != null) {
                Map<String, String> kept = unchangedPids(first, second);
                deploy("upgrade", second, first);
                current = second;
                pidsKept(second, kept);
                credentialsPresent(second);
                ports(plan.portsAfterUpgrade());
                tests(plan.testsAfterUpgrade());
            }
            undeploy(current, empty);
            noProcessLeft();
            Set<Path> profiles = new TreeSet<>(List.of(first));
            if (second != null) {
                profiles.add(second);
            }
            credentialsGone(profiles);
        }

        private void deploy(String what, Path next, Path previous) throws IOException, InterruptedException {
            try {
                copyClosure(next);
            } catch (ExpressionBuild.Failure e) {
                report.record(what, false, e.getMessage());
                return;
            }
            List<String> command = backend.deployCommand(profile, next, previous, null);
            report.step(what + ": " + String.join(" ", command) + " (as " + profile.user() + ")");
            userEnv.put("PROFILE", next.toString());
            TestContainer.Result r = c.exec(profile.user(), userEnv, command.toArray(String[]::new));
            report.detail(r.both());
            if (!report.record(what, r.status() == 0, command.get(0) + " exited with " + r.status())) {
                processLogs();
            }
            report.detail(c.shell(profile.user(), userEnv, backend.statusCommand(profile, next)).both());
        }

        private void undeploy(Path current, Path emptyProfile) throws IOException, InterruptedException {
            String empty;
            if (emptyProfile == null) {
                empty = profile.home() + "/.nixproc-test-undeployed";
                c.check(c.exec(profile.user(), userEnv, "mkdir", "-p", empty));
            } else {
                try {
                    copyClosure(emptyProfile);
                } catch (ExpressionBuild.Failure e) {
                    report.record("undeploy", false, e.getMessage());
                    return;
                }
                empty = emptyProfile.toString();
            }
            List<String> command = backend.deployCommand(profile, null, current, empty);
            report.step("undeploy: " + String.join(" ", command));
            TestContainer.Result r = c.exec(profile.user(), userEnv, command.toArray(String[]::new));
            report.detail(r.both());
            report.record("undeploy", r.status() == 0, command.get(0) + " exited with " + r.status());
        }

        // systemd --user for the unprivileged user, kept running without a login (linger).
        private void userManager() throws IOException, InterruptedException {
            c.check(c.exec("root", Map.of(), "loginctl", "enable-linger", profile.user()));
            String uid = c.check(c.exec("root", Map.of(), "id", "-u", profile.user())).out().strip();
            userEnv.put("XDG_RUNTIME_DIR", "/run/user/" + uid);
            userEnv.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/" + uid + "/bus");
            c.check(c.shell(profile.user(), userEnv, "for i in $(seq 1 150); do case \"$(systemctl --user"
                    + " is-system-running 2>/dev/null)\" in running|degraded) exit 0;; esac; sleep 0.2; done;"
                    + " systemctl --user is-system-running; exit 1"));
        }

        /** The PIDs of the processes both profiles define alike, by name. */
        private Map<String, String> unchangedPids(Path first, Path second) throws IOException, InterruptedException {
            Map<String, Path> before = backend.processes(first);
            Map<String, Path> after = backend.processes(second);
            Map<String, String> pids = new LinkedHashMap<>();
            for (var e : before.entrySet()) {
                if (e.getValue().equals(after.get(e.getKey()))) {
                    pids.put(e.getKey(), pid(first, e.getKey()));
                }
            }
            return pids;
        }

        private void pidsKept(Path second, Map<String, String> before) throws IOException, InterruptedException {
            if (before.isEmpty()) {
                return;
            }
            List<String> changed = new ArrayList<>();
            for (var e : before.entrySet()) {
                String now = pid(second, e.getKey());
                if (e.getValue().isEmpty() || e.getValue().equals("0") || !e.getValue().equals(now)) {
                    changed.add(e.getKey() + " (PID " + e.getValue() + " -> " + now + ")");
                }
            }
            report.record("unchanged processes kept their PIDs: " + String.join(", ", before.keySet()), changed.isEmpty(),
                    "restarted or not running: " + String.join(", ", changed));
        }

        private String pid(Path profilePath, String name) throws IOException, InterruptedException {
            return c.shell(profile.user(), userEnv, backend.pidCommand(profile, profilePath, name)).out().strip();
        }

        private List<String> processTable() throws IOException, InterruptedException {
            TestContainer.Result r = c.exec("root", Map.of(), "ps", "-e", "-o", "user=,args=");
            return r.out().lines().map(String::strip).filter(l -> !l.contains(" ps -e -o ")).toList();
        }

        private void copyClosure(Path storePath) throws IOException, InterruptedException, ExpressionBuild.Failure {
            List<Path> missing = host.closure(storePath).stream().filter(p -> !copied.contains(p)).toList();
            report.step("copying " + missing.size() + " store paths into the container");
            c.copyStorePaths(missing);
            copied.addAll(missing);
        }

        private void ports(List<Integer> ports) throws IOException, InterruptedException {
            long seconds = plan.portTimeout().toSeconds();
            for (int port : ports) {
                TestContainer.Result r = c.shell(profile.user(), userEnv, "end=$((SECONDS + " + seconds + "));"
                        + " until (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; do"
                        + " [ $SECONDS -lt $end ] || exit 1; sleep 0.2; done");
                if (!report.record("port " + port + " open", r.status() == 0,
                        "nothing listened on port " + port + " within " + seconds + " s")) {
                    processLogs();
                }
            }
        }

        /**
         * The last lines of what the processes wrote (the logs init scripts give foreground
         * processes, nixproc-NAME.log in the log or temporary directory): why one did not start
         * or does not listen.
         */
        private void processLogs() throws IOException, InterruptedException {
            report.detail(c.shell("root", Map.of(), backend.logsCommand(profile)).both());
        }

        private void tests(List<String> commands) throws IOException, InterruptedException {
            for (String command : commands) {
                TestContainer.Result r = c.shell(profile.user(), userEnv, command);
                report.record("test: " + command, r.status() == 0, "exit code " + r.status() + "\n" + r.both());
            }
        }

        private void noProcessLeft() throws IOException, InterruptedException {
            List<String> left = processTable().stream().filter(l -> !baseline.contains(l)).toList();
            report.record("no deployed process left", left.isEmpty(), "still running:\n" + String.join("\n", left));
        }

        private void credentialsPresent(Path deployed) throws IOException, InterruptedException {
            if (profile.managesCredentials()) {
                Credentials creds = Credentials.of(List.of(deployed));
                if (!creds.isEmpty()) {
                    List<String> missing = missing(creds, true);
                    report.record("users and groups created: " + creds, missing.isEmpty(), "missing: " + missing);
                }
            }
        }

        private void credentialsGone(Set<Path> profiles) throws IOException, InterruptedException {
            Credentials creds = Credentials.of(profiles);
            if (profile.managesCredentials() && !creds.isEmpty()) {
                List<String> left = missing(creds, false);
                report.record("users and groups removed: " + creds, left.isEmpty(), "still there: " + left);
            }
        }

        // The accounts whose presence differs from `present`.
        private List<String> missing(Credentials creds, boolean present) throws IOException, InterruptedException {
            List<String> differ = new ArrayList<>();
            for (String u : creds.users()) {
                if ((c.exec("root", Map.of(), "getent", "passwd", u).status() == 0) != present) {
                    differ.add("user " + u);
                }
            }
            for (String g : creds.groups()) {
                if ((c.exec("root", Map.of(), "getent", "group", g).status() == 0) != present) {
                    differ.add("group " + g);
                }
            }
            return differ;
        }
    }

    /** The users and groups profiles declare ({@link CredentialFiles}). */
    private record Credentials(Set<String> users, Set<String> groups) {
        static Credentials of(Iterable<Path> profiles) {
            Set<String> users = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Path p : profiles) {
                users.addAll(CredentialFiles.read(p, CredentialFiles.USERS, m -> { }).keySet());
                groups.addAll(CredentialFiles.read(p, CredentialFiles.GROUPS, m -> { }).keySet());
            }
            return new Credentials(users, groups);
        }

        boolean isEmpty() {
            return users.isEmpty() && groups.isEmpty();
        }

        @Override
        public String toString() {
            return "users " + users + ", groups " + groups;
        }
    }
}
