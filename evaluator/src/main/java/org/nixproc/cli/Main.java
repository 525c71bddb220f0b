package org.nixproc.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.Paths;

/**
 * The entry point of every command of the jar: the first argument names the command
 * ({@code nix-instantiate}, ...), as the scripts in bin/ pass it. Commands run on a thread
 * with a large stack, since deep (but finite) Nix recursion is ordinary.
 */
public final class Main {
    private static final long STACK_BYTES = 1L << 30;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: nixproc COMMAND [ARGS...]  (commands: nix-instantiate)");
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
        int[] status = {1};
        Thread t = new Thread(null, () -> status[0] = run(command, args, inv), "nix", STACK_BYTES);
        t.start();
        t.join();
        return status[0];
    }

    static int run(String command, String[] args, Invocation inv) {
        return switch (command) {
            case "nix-instantiate" -> new NixInstantiate(inv).run(args);
            case "daemon" -> Daemon.run(args, inv.err());
            default -> {
                inv.err().println("error: unknown command '" + command + "'");
                yield 2;
            }
        };
    }
}
