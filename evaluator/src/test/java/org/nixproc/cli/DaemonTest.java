package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void answersARequestAndDropsOneWhoseClientHangsUp() throws Exception {
        Path socket = tmp.resolve("d.sock");
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

        try (SocketChannel c = request(socket, "--eval", "-E", "1 + 1")) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(c));
            assertEquals(1, in.readByte());
            assertEquals("2\n", new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8));
            assertEquals(3, in.readByte());
            assertEquals(4, in.readInt());
            assertEquals(0, in.readInt());
        }

        SocketChannel endless = request(socket, "--eval", "-E", ENDLESS);
        for (int i = 0; i < 500 && daemon.activeRequests() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, daemon.activeRequests());
        endless.close();
        for (int i = 0; i < 2000 && daemon.activeRequests() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, daemon.activeRequests(), "the request ended when its client went away");
        assertTrue(server.isAlive());
    }

    /** Sends nix-instantiate ARGS as bin/nixproc-client does: no environment, empty standard input. */
    private SocketChannel request(Path socket, String... args) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
        field(out, tmp.toString());
        field(out, "nix-instantiate");
        out.writeInt(args.length);
        for (String a : args) {
            field(out, a);
        }
        out.writeInt(0);
        field(out, "");
        out.flush();
        return c;
    }

    private static void field(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
