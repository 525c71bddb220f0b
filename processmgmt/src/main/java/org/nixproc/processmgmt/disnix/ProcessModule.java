package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Type {@code process}: the package's executable (the one in {@code bin/}, or the {@code process=}
 * line of {@code etc/dysnomia/process}) run in the foreground of a session of its own, in the
 * background of the target; its PID kept in the target's state, its output in a log beside it.
 * Deactivating sends it SIGTERM and, after 10 seconds, SIGKILL.
 */
public final class ProcessModule implements ServiceModule {
    private final TargetState state;

    ProcessModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) throws IOException {
        Optional<Path> exe = executable(pkg);
        if (exe.isEmpty()) {
            state.err().println("error: '" + pkg + "' has neither etc/dysnomia/process nor exactly one executable in bin/");
            return 1;
        }
        Path dir = state.dir().resolve("processes");
        Files.createDirectories(dir);
        String base = pkg.getFileName().toString();
        ProcessBuilder pb = new ProcessBuilder("setsid", exe.get().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(base + ".log").toFile()));
        Process p = pb.start();
        Files.writeString(dir.resolve(base + ".pid"), p.pid() + "\n", StandardCharsets.UTF_8);
        return 0;
    }

    @Override
    public int deactivate(Path pkg) throws IOException, InterruptedException {
        Path pidFile = state.dir().resolve("processes").resolve(pkg.getFileName() + ".pid");
        if (!Files.isRegularFile(pidFile)) {
            return 0;
        }
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().destroy();
            try {
                h.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.get().destroyForcibly();
            }
        }
        Files.delete(pidFile);
        return 0;
    }

    private static Optional<Path> executable(Path pkg) throws IOException {
        Path config = pkg.resolve("etc/dysnomia/process");
        if (Files.isRegularFile(config)) {
            return Files.readAllLines(config, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("process=")).map(l -> Path.of(l.substring(8).replaceAll("^\"|\"$", "")))
                    .findFirst();
        }
        Path bin = pkg.resolve("bin");
        List<Path> exes = new ArrayList<>();
        if (Files.isDirectory(bin)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(bin)) {
                s.forEach(f -> {
                    if (Files.isExecutable(f) && !Files.isDirectory(f)) {
                        exes.add(f);
                    }
                });
            }
        }
        return exes.size() == 1 ? Optional.of(exes.get(0)) : Optional.empty();
    }
}
