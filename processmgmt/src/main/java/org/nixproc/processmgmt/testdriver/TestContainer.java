package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A fresh container for one test: the base image (never pulled: it is built locally), an init
 * process reaping what daemons leave behind, nixproc's Java runtime and jar mounted read-only
 * with {@code rcswitch}, {@code rcactivity} and the {@code nixproc-*-deploy} commands in its PATH,
 * and store paths copied in on demand. For systemd, systemd itself is PID 1 (without
 * {@code --privileged}: the host's cgroups read-only, tmpfs on /run and /run/lock,
 * {@code container=docker}, stopped with SIGRTMIN+3; /tmp stays on the container's own file
 * system, where store paths under /tmp can be copied), and the container counts as started once
 * systemd is running. Closing it removes it.
 */
final class TestContainer implements AutoCloseable {
    static final String JAVA_HOME = "/opt/nixproc/jre";
    static final String JAR = "/opt/nixproc/nixproc.jar";

    /** What a command in the container did. */
    record Result(int status, String out, String err) {
        String both() {
            return (out + err).strip();
        }
    }

    private final GenericContainer<?> container;
    // Removes the container when the JVM is stopped (Ctrl-C) before close() could.
    private final Thread remover;

    private TestContainer(GenericContainer<?> container, TestReport report) {
        this.container = container;
        this.remover = new Thread(() -> report.interrupt(container::stop), "nixproc-test-container-remover");
        Runtime.getRuntime().addShutdownHook(remover);
    }

    /** Starts a container; if the JVM is stopped while it exists, {@code report} says so and the container goes. */
    static TestContainer start(String image, Path javaRuntime, Path jar, TestReport report, boolean systemd)
            throws IOException, InterruptedException {
        return start(image, javaRuntime, jar, report, systemd, c -> { });
    }

    /**
     * {@link #start}, with the container's settings amended by {@code customize} (a network, ports)
     * before it starts.
     */
    static TestContainer start(String image, Path javaRuntime, Path jar, TestReport report, boolean systemd,
            java.util.function.Consumer<GenericContainer<?>> customize) throws IOException, InterruptedException {
        Bind runtimeBind = new Bind(javaRuntime.toString(), new Volume(JAVA_HOME), AccessMode.ro);
        Bind jarBind = new Bind(jar.toString(), new Volume(JAR), AccessMode.ro);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withLabel(ContainerOwner.LABEL, ContainerOwner.current().label());
        // Binds given to Docker directly: Testcontainers' own would first check mounting
        // with an image from a registry.
        if (systemd) {
            c.withCommand("/lib/systemd/systemd").withEnv("container", "docker")
                    .withTmpFs(Map.of("/run", "rw", "/run/lock", "rw"))
                    .withCreateContainerCmdModifier(cmd -> cmd.withStopSignal("SIGRTMIN+3").getHostConfig().withBinds(
                            runtimeBind, jarBind, new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.ro)));
        } else {
            c.withCommand("sleep", "infinity")
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withInit(true).withBinds(runtimeBind, jarBind));
        }
        customize.accept(c);
        TestContainer tc = new TestContainer(c, report);
        try {
            c.start();
            if (systemd) {
                tc.check(tc.exec("root", Map.of(), "bash", "-c", "for i in $(seq 1 150); do"
                        + " case \"$(systemctl is-system-running 2>/dev/null)\" in running|degraded) exit 0;; esac;"
                        + " sleep 0.2; done; systemctl is-system-running; exit 1"));
            }
            for (String command : new String[] { "rcswitch", "rcactivity", "nixproc-sysvinit-deploy",
                    "nixproc-supervisord-deploy", "nixproc-systemd-deploy", "disnix-run-activity" }) {
                tc.check(tc.exec("root", Map.of(), "sh", "-c", "printf '%s\\n' '#!/bin/sh' 'exec " + JAVA_HOME
                        + "/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + JAR + " " + command
                        + " \"$@\"' > /usr/local/bin/" + command + " && chmod 755 /usr/local/bin/" + command));
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            tc.close();
            throw e;
        }
        return tc;
    }

    /** Removes the containers that runs on this host left behind when they were killed; how many. */
    static int removeOrphans() {
        DockerClient docker = DockerClientFactory.instance().client();
        String here = ContainerOwner.hostName();
        int removed = 0;
        for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(ContainerOwner.LABEL)).exec()) {
            if (ContainerOwner.parse(c.getLabels().get(ContainerOwner.LABEL)).map(o -> o.isGoneFrom(here)).orElse(false)) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed++;
                } catch (NotFoundException e) {
                    // Another run removed it first.
                }
            }
        }
        return removed;
    }

    String id() {
        return container.getContainerId();
    }

    /** The port of this machine that a port of the container is published on. */
    int mappedPort(int port) {
        return container.getMappedPort(port);
    }

    /** Runs a command as a user; its status and output. */
    Result exec(String user, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Container.ExecResult r = container.execInContainer(StandardCharsets.UTF_8,
                ExecConfig.builder().user(user).envVars(env).command(command).build());
        return new Result(r.getExitCode(), r.getStdout(), r.getStderr());
    }

    /** Runs a shell command line as a user (bash -c). */
    Result shell(String user, Map<String, String> env, String commandLine) throws IOException, InterruptedException {
        return exec(user, env, "bash", "-c", commandLine);
    }

    Result check(Result r) throws IOException {
        if (r.status() != 0) {
            throw new IOException("a command in the container failed (exit code " + r.status() + "): " + r.both());
        }
        return r;
    }

    /** Copies store paths (whole trees) into the same store directory in the container. */
    void copyStorePaths(Collection<Path> paths) throws IOException, InterruptedException {
        if (paths.isEmpty()) {
            return;
        }
        String storeDir = paths.iterator().next().getParent().toString();
        check(exec("root", Map.of(), "mkdir", "-p", storeDir));
        Path tar = Files.createTempFile("nixproc-closure", ".tar");
        try {
            try (var out = Files.newOutputStream(tar)) {
                StoreArchive.write(paths, out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                container.getDockerClient().copyArchiveToContainerCmd(id()).withRemotePath(storeDir)
                        .withTarInputStream(in).exec();
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(remover);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook removes the container.
            return;
        }
        container.stop();
    }
}
