package org.nixproc.store.build;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

/**
 * Runs an external builder with Commons Exec: exactly the given environment, the build directory
 * as working directory, standard input from /dev/null, and standard output and error on one pipe
 * (as Nix gives a builder one log pipe, so that their lines keep their order) streamed into the
 * build log as they come. The builder is killed, with every process it started, if this JVM shuts
 * down while it runs or if the thread running it is interrupted (a cancelled build).
 */
final class BuilderProcess {
    private static final ShutdownHookProcessDestroyer DESTROYER = new ShutdownHookProcessDestroyer();

    private BuilderProcess() {
    }

    /**
     * Runs {@code builder args...} and gives its exit value (128 + N when killed by signal N, as
     * the JDK reports it). A builder that cannot be started is reported in the log as Nix reports
     * it ("executing '…': No such file or directory") and counts as exit code 1.
     */
    static int run(String builder, List<String> args, Map<String, String> env, Path dir, OutputStream log) {
        CommandLine cmd = new CommandLine(builder);
        for (String a : args) {
            cmd.addArgument(a, false);
        }
        String[] argv = new String[args.size() + 1];
        argv[0] = builder;
        for (int i = 0; i < args.size(); i++) {
            argv[i + 1] = args.get(i);
        }
        DefaultExecutor exec = new OnePipeExecutor(argv);
        exec.setWorkingDirectory(dir.toFile());
        exec.setStreamHandler(new PumpStreamHandler(log, log));
        exec.setExitValues(null);
        exec.setProcessDestroyer(DESTROYER);
        try {
            return exec.execute(cmd, env);
        } catch (IOException e) {
            PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8);
            p.println("error: executing '" + builder + "': " + reason(e));
            p.flush();
            return 1;
        }
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
        private final String[] argv;

        @SuppressWarnings("deprecation")
        OnePipeExecutor(String[] argv) {
            this.argv = argv;
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.directory(dir);
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            return new WholeTree(pb.start());
        }
    }

    /**
     * A builder process whose destruction kills its descendants too: a builder's shell waits for
     * its children, which would otherwise live on, holding the log pipe open.
     */
    private static final class WholeTree extends Process {
        private final Process builder;

        WholeTree(Process builder) {
            this.builder = builder;
        }

        @Override
        public void destroy() {
            // Descendants first, while they are the builder's: once it is gone they are init's.
            for (int round = 0; round < 3; round++) {
                List<ProcessHandle> descendants = builder.descendants().toList();
                if (descendants.isEmpty()) {
                    break;
                }
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
            builder.destroyForcibly();
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
            return builder.waitFor();
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
