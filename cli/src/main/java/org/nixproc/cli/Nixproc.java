package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.testdriver.TestDriver;
import org.nixproc.processmgmt.testdriver.TestPlan;
import org.nixproc.processmgmt.testdriver.TestProfile;

/**
 * {@code nixproc test --processes FILE [--profile privileged|unprivileged]
 * [--process-manager sysvinit|supervisord|systemd] [--arg NAME EXPR]...
 * [--argstr NAME VALUE]... [--wait-for-port PORT]... [--test 'SHELL COMMAND']...
 * [--upgrade FILE2 [--wait-for-port-after-upgrade PORT]... [--test-after-upgrade 'SHELL COMMAND']...]
 * [--port-timeout SECONDS] [--image IMAGE]}: tests a processes expression in a Docker container
 * (see {@link TestDriver}). The image is the one named, else {@code NIXPROC_TEST_IMAGE} (bin/nixproc
 * sets it from bin/nixproc-docker-setup). Exit status 0 only when every check passed.
 */
final class Nixproc {
    private static final String USAGE = """
            usage: nixproc test --processes FILE [--profile privileged|unprivileged]
                                [--process-manager sysvinit|supervisord|systemd]
                                [--arg NAME EXPR]... [--argstr NAME VALUE]...
                                [--wait-for-port PORT]... [--test 'SHELL COMMAND']...
                                [--upgrade FILE2 [--wait-for-port-after-upgrade PORT]...
                                                 [--test-after-upgrade 'SHELL COMMAND']...]
                                [--port-timeout SECONDS] [--image IMAGE]""";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        if (args.length > 0 && args[0].equals("test-network")) {
            return TestNetwork.run(args, inv);
        }
        if (args.length == 0 || !args[0].equals("test")) {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                inv.out().println(USAGE);
                return 0;
            }
            return usage(err, args.length == 0 ? "which command?" : "unknown command '" + args[0] + "'");
        }
        Path cwd = Path.of(Bytes.toJava(inv.cwd()));
        TestPlan plan;
        String image = inv.env().get("NIXPROC_TEST_IMAGE");
        try {
            // Flags may come in any order, so the plan is made once they are all read.
            Path processes = null;
            List<Consumer<TestPlan.Builder>> settings = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    inv.out().println(USAGE);
                    return 0;
                }
                String v = value(args, i++);
                switch (a) {
                    case "--processes" -> processes = cwd.resolve(v);
                    case "--image" -> image = v;
                    case "--profile" -> {
                        TestProfile profile = TestProfile.named(v);
                        settings.add(b -> b.profile(profile));
                    }
                    case "--process-manager" -> settings.add(b -> b.processManager(v));
                    case "--arg", "--argstr" -> {
                        String value = value(args, i++);
                        settings.add(a.equals("--arg") ? b -> b.arg(v, value) : b -> b.argstr(v, value));
                    }
                    case "--wait-for-port" -> {
                        int port = port(v);
                        settings.add(b -> b.waitForPort(port));
                    }
                    case "--wait-for-port-after-upgrade" -> {
                        int port = port(v);
                        settings.add(b -> b.waitForPortAfterUpgrade(port));
                    }
                    case "--test" -> settings.add(b -> b.test(v));
                    case "--test-after-upgrade" -> settings.add(b -> b.testAfterUpgrade(v));
                    case "--upgrade" -> settings.add(b -> b.upgrade(cwd.resolve(v)));
                    case "--port-timeout" -> {
                        Duration timeout = Duration.ofSeconds(positive(a, v));
                        settings.add(b -> b.portTimeout(timeout));
                    }
                    default -> throw new IllegalArgumentException("unknown flag '" + a + "'");
                }
            }
            if (processes == null) {
                return usage(err, "--processes FILE is required");
            }
            TestPlan.Builder builder = TestPlan.of(processes);
            settings.forEach(s -> s.accept(builder));
            plan = builder.build();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        TestPlan thePlan = plan;
        return drive(image, inv, img -> new TestDriver(img, inv.env(), cwd, inv.out()).run(thePlan).ok());
    }

    /** A container test driver run with an image: whether every check passed. */
    interface Driver {
        boolean run(String image) throws IOException, InterruptedException;
    }

    /**
     * Runs a test driver once the image and what Testcontainers needs are there; exit status 0
     * only when every check passed.
     */
    static int drive(String image, Invocation inv, Driver driver) {
        PrintStream err = inv.err();
        if (image == null || image.isEmpty()) {
            err.println("error: no image: give --image or set NIXPROC_TEST_IMAGE (bin/nixproc-docker-setup prints it)");
            return 1;
        }
        if (!"true".equals(inv.env().get("TESTCONTAINERS_RYUK_DISABLED"))) {
            err.println("error: set TESTCONTAINERS_RYUK_DISABLED=true (and TESTCONTAINERS_HOST_OVERRIDE=localhost):"
                    + " no registry serves Testcontainers' Ryuk image; the driver removes its containers itself");
            return 1;
        }
        try {
            return driver.run(image) ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
    }

    static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("'" + args[i] + "' requires an argument");
        }
        return args[i + 1];
    }

    private static int port(String v) {
        int p = positive("--wait-for-port", v);
        if (p > 65535) {
            throw new IllegalArgumentException("invalid port '" + v + "'");
        }
        return p;
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + flag + "' expects a positive number, not '" + v + "'");
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }
}
