package org.nixproc.processmgmt.testdriver;

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
 * into the container and deployed there with rcswitch; then the ports are waited for, the test
 * commands run (exit status 0 passes), the optional upgrade is deployed and tested, and finally
 * everything is undeployed and checked to be gone: no process left, no user or group left. Each
 * step is printed as it happens; the container is removed in every case.
 */
public final class TestDriver {
    /** The runlevel whose rc directory is deployed, as in {@code rcswitch ./result/etc/rc.d/rc3.d}. */
    private static final String RC_DIR = "etc/rc.d/rc3.d";

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
        if (first != null && (second != null || plan.upgrade().isEmpty())) {
            Path runtime = ContainerJava.runtime(env, out);
            int orphans = TestContainer.removeOrphans();
            if (orphans > 0) {
                report.step(orphans == 1 ? "removed 1 container left by a killed test run"
                        : "removed " + orphans + " containers left by killed test runs");
            }
            report.step("starting a container of " + image);
            try (TestContainer c = TestContainer.start(image, runtime, ContainerJava.jar(), report)) {
                new Run(c, host, report, plan).all(first, second);
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
        report.step("building the profile of " + processes + " (" + plan.profile().name().toLowerCase() + ")");
        try {
            Path profile = host.profile(processes, plan);
            report.record("build " + processes.getFileName(), true, "");
            report.detail(profile.toString());
            return profile;
        } catch (HostBuild.Failure e) {
            report.record("build " + processes.getFileName(), false, e.getMessage());
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
        private final Set<Path> copied = new HashSet<>();
        private final Map<String, String> userEnv = new LinkedHashMap<>();

        Run(TestContainer c, HostBuild host, TestReport report, TestPlan plan) {
            this.c = c;
            this.host = host;
            this.report = report;
            this.plan = plan;
            this.profile = plan.profile();
            userEnv.put("HOME", profile.home());
            userEnv.put("USER", profile.user());
            userEnv.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin");
            userEnv.put("STATE_DIR", profile.stateDir());
        }

        void all(Path first, Path second) throws IOException, InterruptedException {
            if (!profile.user().equals("root")) {
                c.check(c.exec("root", Map.of(), "useradd", "--create-home", "--shell", "/bin/bash", profile.user()));
            }
            Path current = first;
            deploy("deploy", first, null);
            credentialsPresent(first);
            ports(plan.ports());
            tests(plan.tests());
            if (second != null) {
                deploy("upgrade", second, first);
                current = second;
                credentialsPresent(second);
                ports(plan.portsAfterUpgrade());
                tests(plan.testsAfterUpgrade());
            }
            undeploy(current);
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
            } catch (HostBuild.Failure e) {
                report.record(what, false, e.getMessage());
                return;
            }
            List<String> command = new ArrayList<>(List.of("rcswitch", next.resolve(RC_DIR).toString()));
            if (previous != null) {
                command.add(previous.resolve(RC_DIR).toString());
            }
            report.step(what + ": " + String.join(" ", command) + " (as " + profile.user() + ")");
            userEnv.put("PROFILE", next.toString());
            TestContainer.Result r = c.exec(profile.user(), userEnv, command.toArray(String[]::new));
            report.detail(r.both());
            if (!report.record(what, r.status() == 0, "rcswitch exited with " + r.status())) {
                processLogs();
            }
        }

        private void undeploy(Path current) throws IOException, InterruptedException {
            String empty = profile.home() + "/.nixproc-test-undeployed";
            c.check(c.exec(profile.user(), userEnv, "mkdir", "-p", empty));
            report.step("undeploy: rcswitch " + empty + " " + current.resolve(RC_DIR));
            TestContainer.Result r = c.exec(profile.user(), userEnv, "rcswitch", empty, current.resolve(RC_DIR).toString());
            report.detail(r.both());
            report.record("undeploy", r.status() == 0, "rcswitch exited with " + r.status());
        }

        private void copyClosure(Path storePath) throws IOException, InterruptedException, HostBuild.Failure {
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
            String dirs = String.join(" ", profile.stateDir() + "/log", profile.stateDir() + "/tmp", "/tmp");
            TestContainer.Result r = c.shell("root", Map.of(), "for d in " + dirs + "; do"
                    + " for f in \"$d\"/nixproc-*.log; do [ -s \"$f\" ] || continue;"
                    + " echo \"last lines of $f:\"; tail -n 20 \"$f\" | sed 's/^/  /'; done; done");
            report.detail(r.both());
        }

        private void tests(List<String> commands) throws IOException, InterruptedException {
            for (String command : commands) {
                TestContainer.Result r = c.shell(profile.user(), userEnv, command);
                report.record("test: " + command, r.status() == 0, "exit code " + r.status() + "\n" + r.both());
            }
        }

        private void noProcessLeft() throws IOException, InterruptedException {
            TestContainer.Result r = c.exec("root", Map.of(), "ps", "-e", "-o", "pid=,user=,args=");
            List<String> left = r.out().lines().map(String::strip)
                    .filter(l -> !l.startsWith("1 ") && !l.endsWith(" sleep infinity") && !l.contains(" ps -e -o "))
                    .toList();
            report.record("no deployed process left", r.status() == 0 && left.isEmpty(),
                    "still running:\n" + String.join("\n", left));
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
