package org.nixproc.processmgmt.testdriver;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one of nixproc's commands (disnix-env, disnix-query, ...) for a test driver, which sits
 * below the commands: the command line supplies it, running them in its own JVM.
 */
@FunctionalInterface
public interface CommandRunner {
    /** What a command did: exit status, standard output and standard error (Java strings). */
    record Result(int status, String out, String err) {
    }

    Result run(String command, Map<String, String> env, Path cwd, String... args) throws InterruptedException;
}
