package org.nixproc.processmgmt.testdriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nixproc.lang.print.StringEscapes;

/**
 * What to test: a processes expression deployed in a profile, the ports to wait for, the shell
 * commands that must succeed, and optionally an upgrade to a second expression with its own ports
 * and commands. {@code args} are Nix expressions by parameter name ({@code --arg}; {@code --argstr}
 * values become string literals), given to both expressions. {@code processManager} is the backend
 * deploying them (sysvinit, supervisord or systemd), passed to the expressions like the profile's
 * other arguments.
 */
public record TestPlan(Path processes, TestProfile profile, Map<String, String> args, List<Integer> ports,
        List<String> tests, Optional<Path> upgrade, List<Integer> portsAfterUpgrade, List<String> testsAfterUpgrade,
        Duration portTimeout, String processManager) {
    /** The process managers a test can deploy with. */
    public static final List<String> PROCESS_MANAGERS = List.of("sysvinit", "supervisord", "systemd");

    public TestPlan {
        args = Map.copyOf(args);
        ports = List.copyOf(ports);
        tests = List.copyOf(tests);
        portsAfterUpgrade = List.copyOf(portsAfterUpgrade);
        testsAfterUpgrade = List.copyOf(testsAfterUpgrade);
    }

    public static Builder of(Path processes) {
        return new Builder(processes);
    }

    /** Builds a plan step by step, as the command line does. */
    public static final class Builder {
        private final Path processes;
        private TestProfile profile = TestProfile.PRIVILEGED;
        private final Map<String, String> args = new LinkedHashMap<>();
        private final List<Integer> ports = new ArrayList<>();
        private final List<String> tests = new ArrayList<>();
        private Path upgrade;
        private final List<Integer> portsAfterUpgrade = new ArrayList<>();
        private final List<String> testsAfterUpgrade = new ArrayList<>();
        private Duration portTimeout = Duration.ofSeconds(60);
        private String processManager = "sysvinit";

        private Builder(Path processes) {
            this.processes = processes;
        }

        public Builder profile(TestProfile p) {
            profile = p;
            return this;
        }

        /** A parameter as a Nix expression ({@code --arg NAME EXPR}). */
        public Builder arg(String name, String expression) {
            args.put(name, expression);
            return this;
        }

        /** A parameter as a string ({@code --argstr NAME VALUE}). */
        public Builder argstr(String name, String value) {
            return arg(name, StringEscapes.quote(value));
        }

        public Builder waitForPort(int port) {
            ports.add(port);
            return this;
        }

        public Builder test(String shellCommand) {
            tests.add(shellCommand);
            return this;
        }

        public Builder upgrade(Path processes2) {
            upgrade = processes2;
            return this;
        }

        public Builder waitForPortAfterUpgrade(int port) {
            portsAfterUpgrade.add(port);
            return this;
        }

        public Builder testAfterUpgrade(String shellCommand) {
            testsAfterUpgrade.add(shellCommand);
            return this;
        }

        public Builder portTimeout(Duration timeout) {
            portTimeout = timeout;
            return this;
        }

        public Builder processManager(String pm) {
            if (!PROCESS_MANAGERS.contains(pm)) {
                throw new IllegalArgumentException("unknown process manager '" + pm + "' (expected "
                        + String.join(", ", PROCESS_MANAGERS) + ")");
            }
            processManager = pm;
            return this;
        }

        public TestPlan build() {
            if (upgrade == null && !(portsAfterUpgrade.isEmpty() && testsAfterUpgrade.isEmpty())) {
                throw new IllegalArgumentException("tests after an upgrade need an upgrade (--upgrade FILE)");
            }
            return new TestPlan(processes, profile, args, ports, tests, Optional.ofNullable(upgrade),
                    portsAfterUpgrade, testsAfterUpgrade, portTimeout, processManager);
        }
    }
}
