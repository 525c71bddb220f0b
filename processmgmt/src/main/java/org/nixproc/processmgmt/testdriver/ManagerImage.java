package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The image the supervisord and systemd tests run in: the base image (Debian bookworm made by
 * bin/nixproc-docker-setup) with Debian's supervisor, systemd and what `systemd --user` needs,
 * built here from that base the first time (no registry is reachable; Debian's mirror is) and
 * named {@code localhost/nixproc-debian-managers:<hash of the base and the package list>}.
 */
final class ManagerImage {
    static final List<String> PACKAGES = List.of("supervisor", "systemd", "systemd-sysv", "dbus-user-session",
            "libpam-systemd");

    private ManagerImage() {
    }

    /** The image for {@code processManager} on top of {@code base}, built if missing. */
    static String forProcessManager(String base, String processManager, TestReport report) throws IOException {
        if (processManager.equals("sysvinit")) {
            return base;
        }
        String tag = "localhost/nixproc-debian-managers:" + hash(base + "\n" + String.join("\n", PACKAGES));
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException e) {
            // Built below.
        }
        report.step("building " + tag + " from " + base + " (" + String.join(" ", PACKAGES) + ")");
        Path dir = Files.createTempDirectory("nixproc-image");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\n"
                    + "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "
                    + String.join(" ", PACKAGES) + " >/dev/null && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb\n"
                    // Nothing of Debian's own supervisord runs: the tests start theirs.
                    + "RUN rm -f /etc/systemd/system/multi-user.target.wants/supervisor.service\n");
            docker.buildImageCmd(dir.toFile()).withTags(Set.of(tag)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId();
            return tag;
        } finally {
            Files.deleteIfExists(dir.resolve("Dockerfile"));
            Files.deleteIfExists(dir);
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
