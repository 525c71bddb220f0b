package org.nixproc.store.build;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import org.nixproc.store.local.ProcessGroups;

/**
 * Runs an external builder with Commons Exec: exactly the given environment, the build directory
 * as working directory, standard input from /dev/null, and standard output and error on one pipe
 * (as Nix gives a builder one log pipe, so that their lines keep their order) streamed into the
 * build log as they come.
 *
 * <p>The builder leads a process group of its own (util-linux's {@code setsid}), which every
 * process it starts joins, and dies with the thread that runs it (PR_SET_PDEATHSIG through
 * {@code setpriv --pdeathsig KILL}), so also when this JVM is killed with -9. Its PID is handed to
 * the caller as soon as it runs, to be recorded with the claim of its outputs: whoever reclaims
 * them kills what is left of the group first ({@link org.nixproc.store.local.ProcessGroups}).
 * When the builder exits, what it left running in its group is killed, so that nothing writes
 * into its outputs once they are checked and registered; the whole group is killed, with every
 * other process it started, if this JVM shuts down while it runs or if the thread running it is
 * interrupted (a cancelled build).
 */
final class BuilderProcess {
    private static final ShutdownHookProcessDestroyer DESTROYER = new ShutdownHookProcessDestroyer();
    private static final String SETSID = tool("setsid");
    private static final String SETPRIV = tool("setpriv");

    private BuilderProcess() {
    }

    /**
     * Runs {@code builder args...} and gives its exit value (128 + N when killed by signal N, as
     * the JDK reports it). A builder that cannot be started is reported in the log as Nix reports
     * it ("executing '…': No such file or directory") and counts as exit code 1. {@code started}
     * gets the builder's PID once it runs.
     */
    static int run(String builder, List<String> args, Map<String, String> env, Path dir, OutputStream log,
            LongConsumer started) {
        PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8);
        if (SETSID == null || SETPRIV == null) {
            p.println("error: builders run under util-linux's 'setsid' and 'setpriv', which are not installed");
            return 1;
        }
        // Checked here, as the wrappers' own messages for a builder they cannot execute are not Nix's.
        String cannot = cannotExecute(dir.resolve(builder));
        if (cannot != null) {
            p.println("error: executing '" + builder + "': " + cannot);
            return 1;
        }
        CommandLine cmd = new CommandLine(builder);
        for (String a : args) {
            cmd.addArgument(a, false);
        }
        List<String> argv = new ArrayList<>(List.of(SETSID, SETPRIV, "--pdeathsig", "KILL", "--", builder));
        argv.addAll(args);
        DefaultExecutor exec = new OnePipeExecutor(argv, started);
        exec.setWorkingDirectory(dir.toFile());
        exec.setStreamHandler(new PumpStreamHandler(log, log));
        exec.setExitValues(null);
        exec.setProcessDestroyer(DESTROYER);
        try {
            return exec.execute(cmd, env);
        } catch (IOException e) {
            p.println("error: executing '" + builder + "': " + reason(e));
            p.flush();
            return 1;
        }
    }

    private static String cannotExecute(Path builder) {
        if (!Files.exists(builder)) {
            return "No such file or directory";
        }
        return Files.isDirectory(builder) || !Files.isExecutable(builder) ? "Permission denied" : null;
    }

    // Looked for where Debian installs it, then in this JVM's PATH (a builder's PATH is its own).
    private static String tool(String name) {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }

    // The JDK words a failed exec as "Cannot run program "x" (in directory "d"): error=2, No such file...".
    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        if (i >= 0) {
            int comma = m.indexOf(", ", i);
            if (comma >= 0) {
                return m.substring(comma + 2);
            }
        }
        return m;
    }

    /**
     * Commons Exec's executor, starting the process itself so that it can join standard error to
     * standard output and take standard input from /dev/null. The argument vector is passed as
     * is: Commons Exec's command line would re-quote arguments with spaces or quotes.
     */
    private static final class OnePipeExecutor extends DefaultExecutor {
        private final List<String> argv;
        private final LongConsumer started;

        @SuppressWarnings("deprecation")
        OnePipeExecutor(List<String> argv, LongConsumer started) {
            this.argv = argv;
            this.started = started;
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.directory(dir);
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            WholeTree tree = new WholeTree(pb.start());
            try {
                started.accept(tree.pid());
            } catch (RuntimeException | Error e) {
                tree.destroy();
                throw e;
            }
            return tree;
        }
    }

    /**
     * A builder process whose destruction kills its group and its descendants too: a builder's
     * shell waits for its children, which would otherwise live on, holding the log pipe open. Once
     * the builder has exited, waiting for it also kills what is left of its group.
     */
    private static final class WholeTree extends Process {
        private final Process builder;
        private final long started;

        WholeTree(Process builder) {
            this.builder = builder;
            this.started = ProcessGroups.startTime(builder.pid()).orElse(-1);
        }

        @Override
        public void destroy() {
            // Descendants first, while they are the builder's: once it is gone they are init's
            // (those that left its group are found only so).
            for (int round = 0; round < 3; round++) {
                List<ProcessHandle> descendants = builder.descendants().toList();
                if (descendants.isEmpty()) {
                    break;
                }
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
            builder.destroyForcibly();
            ProcessGroups.kill(builder.pid(), started);
        }

        @Override
        public Process destroyForcibly() {
            destroy();
            return this;
        }

        @Override
        public OutputStream getOutputStream() {
            return builder.getOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return builder.getInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return builder.getErrorStream();
        }

        @Override
        public int waitFor() throws InterruptedException {
            int status = builder.waitFor();
            ProcessGroups.kill(builder.pid(), started);
            return status;
        }

        @Override
        public int exitValue() {
            return builder.exitValue();
        }

        @Override
        public boolean isAlive() {
            return builder.isAlive();
        }

        @Override
        public long pid() {
            return builder.pid();
        }
    }
}
