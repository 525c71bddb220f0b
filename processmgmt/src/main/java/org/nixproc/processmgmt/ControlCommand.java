package org.nixproc.processmgmt;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a program (a process manager's control program) with a caller's environment and working directory. */
public record ControlCommand(Map<String, String> env, Path cwd) {
    /** Its exit status and its output (standard output and error together). */
    public record Result(int status, String out) {
    }

    public Result run(List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, resolve(cmd.get(0)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(cwd.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path outFile = Files.createTempFile("nixproc-exec", ".out");
        try {
            // A file, not a pipe: a program may leave a daemon holding its output open.
            pb.redirectErrorStream(true).redirectOutput(outFile.toFile());
            Process p = pb.start();
            int status = p.waitFor();
            return new Result(status, Files.readString(outFile));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.get(0));
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    // Java looks a program up in its own PATH; the caller's (a client of the resident JVM, say) is the one that counts.
    private String resolve(String program) {
        if (!program.contains("/")) {
            for (String dir : env.getOrDefault("PATH", "").split(":")) {
                Path p = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return program;
    }
}
