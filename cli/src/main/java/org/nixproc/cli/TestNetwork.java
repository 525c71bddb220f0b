package org.nixproc.cli;

import org.nixproc.processmgmt.testdriver.NetworkTestDriver;
import org.nixproc.processmgmt.testdriver.NetworkPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import org.nixproc.lang.eval.Bytes;

/**
 * {@code nixproc test-network}: tests a Disnix deployment on a network of Docker containers (see
 * {@link NetworkTestDriver}). Exit status 0 only when every check passed.
 */
final class TestNetwork {
    static final String USAGE = """
            usage: nixproc test-network --services S --infrastructure I --distribution D [--extra-params EXPR]
                                        [--test-on TARGET 'SHELL COMMAND']... [--redeploy-check]
                                        [--upgrade-services S2] [--upgrade-distribution D2] [--expect-upgrade-failure]
                                        [--test-after-upgrade-on TARGET 'SHELL COMMAND']... [--rollback-check]
                                        [--undeploy-check] [--image IMAGE]""";

    private TestNetwork() {
    }

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        Path cwd = Path.of(Bytes.toJava(inv.cwd()));
        String image = inv.env().get("NIXPROC_TEST_IMAGE");
        Path services = null;
        Path infrastructure = null;
        Path distribution = null;
        NetworkPlan plan = new NetworkPlan(null, null, null);
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        inv.out().println(USAGE);
                        return 0;
                    }
                    case "--expect-upgrade-failure" -> plan.expectUpgradeFailure();
                    case "--redeploy-check" -> plan.redeployCheck();
                    case "--rollback-check" -> plan.rollbackCheck();
                    case "--undeploy-check" -> plan.undeployCheck();
                    case "--test-on", "--test-after-upgrade-on" -> {
                        String target = Nixproc.value(args, i++);
                        String command = Nixproc.value(args, i++);
                        if (a.equals("--test-on")) {
                            plan.testOn(target, command);
                        } else {
                            plan.testAfterUpgradeOn(target, command);
                        }
                    }
                    default -> {
                        String v = Nixproc.value(args, i++);
                        switch (a) {
                            case "--services" -> services = cwd.resolve(v);
                            case "--infrastructure" -> infrastructure = cwd.resolve(v);
                            case "--distribution" -> distribution = cwd.resolve(v);
                            case "--extra-params" -> plan.extraParams(v);
                            case "--upgrade-services" -> plan.upgradeServices = cwd.resolve(v);
                            case "--upgrade-distribution" -> plan.upgradeDistribution = cwd.resolve(v);
                            case "--image" -> image = v;
                            default -> throw new IllegalArgumentException("unknown flag '" + a + "'");
                        }
                    }
                }
            }
            if (services == null || infrastructure == null || distribution == null) {
                throw new IllegalArgumentException("--services, --infrastructure and --distribution are required");
            }
            if (plan.expectUpgradeFailure && !plan.upgrades()) {
                throw new IllegalArgumentException("--expect-upgrade-failure needs --upgrade-services or --upgrade-distribution");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        plan.services = services;
        plan.infrastructure = infrastructure;
        plan.distribution = distribution;
        return Nixproc.drive(image, inv,
                img -> new NetworkTestDriver(img, inv.env(), cwd, inv.out(), CapturedRun.COMMANDS).run(plan).ok());
    }
}
