package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The resident daemon's protocol, and requests whose client goes away. */
@Timeout(120)
class DaemonTest {
    // 10^10 function calls in little memory: hours, unless interrupted.
    private static final String ENDLESS = "let l = builtins.genList (x: x) 100000;"
            + " in builtins.foldl' (a: i: builtins.foldl' (b: j: b + 1) a l) 0 l";

    @TempDir
    Path tmp;

    @Test
    void anInterruptedEvaluationStopsWithNixsWords() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation inv = new Invocation(new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of(),
                org.nixproc.lang.eval.Bytes.fromJava(tmp.toString()));
        int status = Main.runWithLargeStack("nix-instantiate", new String[] {"--eval", "-E", ENDLESS}, inv,
                Thread::interrupt);
        assertEquals(1, status);
        assertEquals("error: interrupted by the user\n", err.toString(StandardCharsets.UTF_8));
    }

    /** A daemon serving on a socket in the temporary directory, on a thread of this JVM. */
    private Daemon serve(Path socket) throws InterruptedException {
        Daemon daemon = new Daemon(socket);
        Thread server = new Thread(() -> {
            try {
                daemon.serve();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, "test-daemon");
        server.setDaemon(true);
        server.start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(10);
        }
        return daemon;
    }

    private static void awaitIdle(Daemon daemon) throws InterruptedException {
        for (int i = 0; i < 2000 && daemon.activeRequests() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, daemon.activeRequests(), "the request ended when its client went away");
    }

    /** Whether a process runs (exists and is no zombie). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A build whose client hangs up is cancelled: its builder and the builder's child are killed,
     * no output is left in the store, and the path can be built later.
     */
    @Test
    void aBuildWhoseClientHangsUpIsCancelled() throws Exception {
        Path socket = tmp.resolve("b.sock");
        Daemon daemon = serve(socket);
        Path store = tmp.resolve("store");
        Path pids = tmp.resolve("pids");
        Map<String, String> env = Map.of("NIX_STORE_DIR", store.toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString());
        // The builder writes its own PID and its child's, then waits; FAST makes it quick.
        String expr = "{ fast }: derivation { name = \"slow\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " args = [ \"-c\" (if fast then \"echo > $out\" else \"/bin/mkdir $out; /bin/sleep 300 & echo $$ $! > " + pids
                + "; wait\") ]; }";
        SocketChannel c = request(socket, "nix-build", env, "--no-out-link", "-E", expr, "--arg", "fast", "false");
        for (int i = 0; i < 1000 && !(Files.exists(pids) && Files.readString(pids).trim().contains(" ")); i++) {
            Thread.sleep(10);
        }
        long[] builder = java.util.Arrays.stream(Files.readString(pids).trim().split(" ")).mapToLong(Long::parseLong)
                .toArray();
        assertTrue(running(builder[0]) && running(builder[1]));
        c.close();
        awaitIdle(daemon);
        for (int i = 0; i < 500 && (running(builder[0]) || running(builder[1])); i++) {
            Thread.sleep(10);
        }
        assertFalse(running(builder[0]), "the builder was killed");
        assertFalse(running(builder[1]), "the builder's child was killed");
        try (var entries = Files.list(store)) {
            assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().endsWith("-slow")).toList());
        }
        // Its locks were released: the other variant builds at once.
        try (SocketChannel again = request(socket, "nix-build", env, "--no-out-link", "-E", expr, "--arg", "fast", "true")) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(again));
            int status = -1;
            while (status < 0) {
                byte type = in.readByte();
                byte[] payload = in.readNBytes(in.readInt());
                if (type == 3) {
                    status = java.nio.ByteBuffer.wrap(payload).getInt();
                }
            }
            assertEquals(0, status);
        }
    }

    @Test
    void answersARequestAndDropsOneWhoseClientHangsUp() throws Exception {
        Path socket = tmp.resolve("d.sock");
        Daemon daemon = serve(socket);

        try (SocketChannel c = request(socket, "--eval", "-E", "1 + 1")) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(c));
            assertEquals(1, in.readByte());
            assertEquals("2\n", new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
            assertEquals(3, in.readByte());
            assertEquals(4, in.readInt());
            assertEquals(0, in.readInt());
        }
        // The first request ends a moment after its answer (it may collect garbage first).
        awaitIdle(daemon);

        SocketChannel endless = request(socket, "--eval", "-E", ENDLESS);
        for (int i = 0; i < 500 && daemon.activeRequests() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, daemon.activeRequests());
        endless.close();
        awaitIdle(daemon);
    }

    /** Sends nix-instantiate ARGS as bin/nixproc-client does: no environment, empty standard input. */
    private SocketChannel request(Path socket, String... args) throws IOException {
        return request(socket, "nix-instantiate", Map.of(), args);
    }

    private SocketChannel request(Path socket, String command, Map<String, String> env, String... args)
            throws IOException {
        SocketChannel c = connect(socket);
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
        field(out, tmp.toString());
        field(out, command);
        out.writeInt(args.length);
        for (String a : args) {
            field(out, a);
        }
        out.writeInt(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            field(out, e.getKey() + "=" + e.getValue());
        }
        field(out, "");
        out.flush();
        return c;
    }

    // The socket file appears when the daemon binds it, a moment before it listens.
    private static SocketChannel connect(Path socket) throws IOException {
        for (int attempt = 1; ; attempt++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.connect(UnixDomainSocketAddress.of(socket));
                return c;
            } catch (java.net.ConnectException e) {
                c.close();
                if (attempt == 200) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Test
    void theTrainingRequestIsAnsweredWithoutErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Daemon.train(new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status);
    }

    private static void field(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
