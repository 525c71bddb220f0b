package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.ClientInterface;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.Paths;

/**
 * The entry point of every command of the jar: the first argument names the command
 * ({@code nix-instantiate}, ...), as the scripts in bin/ pass it. Commands run on a thread
 * with a large stack, since deep (but finite) Nix recursion is ordinary.
 */
public final class Main {
    private static final long STACK_BYTES = 512L << 20;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: nixproc COMMAND [ARGS...]  (commands: nix-instantiate, nix-build, nix-store, nix-prefetch-url, nix-env, rcswitch, rcactivity, nixproc, nixproc-build, nixproc-PM-switch, nixproc-PM-deploy, disnix-env, disnix-query, disnix-visualize, disnix-run-activity)");
            System.exit(2);
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.ISO_8859_1);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Invocation inv = new Invocation(out, err, System.in, System.getenv(),
                Bytes.fromJava(Paths.canonical(System.getProperty("user.dir"))));
        int status = runWithLargeStack(args[0], rest, inv);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs a command on a thread of its own with a stack large enough for deep Nix recursion. */
    public static int runWithLargeStack(String command, String[] args, Invocation inv) throws InterruptedException {
        return runWithLargeStack(command, args, inv, t -> { });
    }

    /** The same, giving {@code started} the command's thread (to interrupt it when its caller goes away). */
    static int runWithLargeStack(String command, String[] args, Invocation inv, Consumer<Thread> started)
            throws InterruptedException {
        int[] status = {1};
        Thread t = new Thread(null, () -> status[0] = run(command, args, inv), "nix", STACK_BYTES);
        t.start();
        started.accept(t);
        t.join();
        return status[0];
    }

    /**
     * Runs a command. A failure that is not a Nix error is a bug or a resource limit: it is
     * reported in one line (with the Java stack trace only when NIXPROC_DEBUG is set), never as a crash.
     */
    static int run(String command, String[] args, Invocation inv) {
        try {
            return dispatch(command, args, inv);
        } catch (StackOverflowError e) {
            inv.err().println("error: stack overflow (possible infinite recursion)");
        } catch (OutOfMemoryError e) {
            inv.err().println("error: out of memory");
        } catch (RuntimeException e) {
            inv.err().println("error: internal error: " + e);
            if (inv.env().containsKey("NIXPROC_DEBUG")) {
                e.printStackTrace(inv.err());
            }
        }
        inv.out().flush();
        return 1;
    }

    private static int dispatch(String command, String[] args, Invocation inv) {
        return switch (command) {
            case "nix-instantiate" -> new NixInstantiate(inv).run(args);
            case "nix-build" -> new NixBuild(inv).run(args);
            case "nix-store" -> new NixStore(inv).run(args);
            case "nix-prefetch-url" -> new NixPrefetchUrl(inv).run(args);
            case "daemon" -> Daemon.run(args, inv.err());
            case "daemon-training" -> Daemon.train(inv.err());
            case "nix-env" -> NixEnv.run(args, inv);
            case "rcswitch" -> RcSwitch.run(args, inv);
            case "rcactivity" -> RcActivity.run(args, inv);
            case "nixproc" -> Nixproc.run(args, inv);
            case "nixproc-build" -> NixprocBuild.run(args, inv);
            case "disnix-env" -> DisnixEnv.run(args, inv);
            case "disnix-query" -> DisnixQuery.run(args, inv);
            case "disnix-visualize" -> DisnixVisualize.run(args, inv);
            case ClientInterface.REMOTE_COMMAND -> DisnixRunActivity.run(args, inv);
            default -> {
                for (ProcessManagerSwitch s : ProcessManagerSwitch.ALL) {
                    if (s.name().equals(command)) {
                        yield s.run(args, inv);
                    }
                }
                inv.err().println("error: unknown command '" + command + "'");
                yield 2;
            }
        };
    }
}
