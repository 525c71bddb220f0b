package org.nixproc.processmgmt.disnix;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nixproc.processmgmt.sysvinit.ShellQuote;

/**
 * How the coordinator reaches a target's activity runner ({@code disnix-run-activity}): an
 * executable run as {@code CLIENT ADDRESS 'REMOTE COMMAND LINE'}, by default {@code ssh} (with the
 * words of {@code SSH_OPTS} before the address, as Disnix's SSH client takes them), else the
 * target's {@code clientInterface} or {@code DISNIX_CLIENT_INTERFACE} (a {@code docker exec}
 * wrapper, say). The remote side uses the coordinator's store directory, which store paths name.
 */
public final class ClientInterface {
    public static final String REMOTE_COMMAND = "disnix-run-activity";

    /** What a remote command did; {@code out} is empty when its output went to a stream. */
    public record Result(int status, String out, String err) {
        public boolean ok() {
            return status == 0;
        }

        /** Why it failed: what it said, else its exit status. */
        public String why() {
            String e = err.strip().replaceFirst("^error: ", "");
            return e.isEmpty() ? "exit code " + status : e;
        }
    }

    private final Manifest.Target target;
    private final Map<String, String> env;
    private final String storeDir;

    public ClientInterface(Manifest.Target target, Map<String, String> env, String storeDir) {
        this.target = target;
        this.env = env;
        this.storeDir = storeDir;
    }

    String targetName() {
        return target.name();
    }

    /** The command line run locally for {@code activity} (the runner's arguments). */
    List<String> commandLine(List<String> activity) {
        // The address is an argument of ssh (or the client): one starting with '-' would be an option.
        if (target.address().isEmpty() || target.address().startsWith("-")) {
            throw new IllegalArgumentException("target '" + target.name() + "' has an invalid address '" + target.address() + "'");
        }
        String client = target.clientInterface() != null ? target.clientInterface()
                : env.getOrDefault("DISNIX_CLIENT_INTERFACE", "ssh");
        List<String> remote = new ArrayList<>();
        remote.add("NIX_STORE_DIR=" + ShellQuote.quote(storeDir));
        remote.add(REMOTE_COMMAND);
        remote.add(ShellQuote.quoteAll(activity));
        List<String> cmd = new ArrayList<>();
        cmd.add(client);
        if (new File(client).getName().equals("ssh")) {
            String opts = env.getOrDefault("SSH_OPTS", "").strip();
            if (!opts.isEmpty()) {
                cmd.addAll(Arrays.asList(opts.split("\\s+")));
            }
        }
        cmd.add(target.address());
        cmd.add(String.join(" ", remote));
        return cmd;
    }

    /** Runs an activity with no input, keeping its output. */
    public Result run(String... activity) throws IOException, InterruptedException {
        return run(List.of(activity), null, null);
    }

    /**
     * Runs an activity; {@code stdin} (if not null) is written to its input from another thread,
     * and {@code stdout} (if not null) receives its output instead of the result.
     */
    Result run(List<String> activity, StreamWriter stdin, OutputStream stdout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(commandLine(activity));
        pb.environment().clear();
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run the client interface of target '" + target.name() + "': " + e.getMessage(), e);
        }
        Thread writer = null;
        IOException[] writeError = new IOException[1];
        if (stdin != null) {
            writer = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    stdin.write(in);
                } catch (IOException e) {
                    writeError[0] = e;
                }
            }, "disnix-client-input");
            writer.start();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(p.getErrorStream(), err);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(stdout != null ? stdout : out);
        }
        int status;
        try {
            status = p.waitFor();
            errPump.join();
            if (writer != null) {
                writer.join();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        String errText = err.toString(StandardCharsets.UTF_8);
        if (status == 0 && writeError[0] != null) {
            throw new IOException("sending to target '" + target.name() + "': " + writeError[0].getMessage(), writeError[0]);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), errText);
    }

    /** What goes to a remote command's standard input. */
    interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private static Thread pump(InputStream in, OutputStream to) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException ignored) {
                // The command is gone; so is the rest of its output.
            }
        }, "disnix-client-stderr");
        t.start();
        return t;
    }
}
