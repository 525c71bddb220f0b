package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nixproc.tests.DaemonClient.Result;

/**
 * The resident JVM's socket as a second local user would attack it (either client, see
 * {@link DaemonClient}, and cli.Daemon): a socket directory made by someone else, a daemon of
 * another user, another user's connection, and clients starting at once.
 */
@Timeout(300)
class DaemonSocketTest {
    private static final String PEER = "nixproc-peer";
    private static final Path ROOT = Commands.root();

    @TempDir
    Path tmp;

    /** A directory like /tmp (world-writable, sticky) where the clients look for nixproc-UID. */
    private Path base;

    @BeforeAll
    static void secondUser() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: acting as a second local user needs root");
        if (run(List.of("id", PEER), Map.of()).status() != 0) {
            Result made = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PEER),
                    Map.of());
            assertEquals(0, made.status(), made.err());
        }
    }

    @AfterEach
    void stopDaemons() {
        // The daemons these tests started: their command lines name the socket under base.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" daemon " + base)).orElse(false))
                .forEach(ProcessHandle::destroy);
    }

    private Path base() throws Exception {
        base = Files.createDirectories(tmp.resolve("base"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        run(List.of("chmod", "+t", base.toString()), Map.of());
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        return base;
    }

    /** bin/nix-instantiate as root with TMPDIR=base and a secret in its environment. */
    private Result instantiate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/nix-instantiate").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("TMPDIR", base.toString(), "SECRET_TOKEN", "hunter2"));
    }

    /** The same through {@code client}. */
    private Result instantiate(DaemonClient client, String... args) throws Exception {
        return run(client.instantiate("", args), Map.of("TMPDIR", base.toString(), "SECRET_TOKEN", "hunter2"));
    }

    /** Steps 1-4 of the attack: the client refuses the attacker's directory and sends nothing. */
    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void theClientRefusesASocketDirectoryAnotherUserMade(DaemonClient client) throws Exception {
        Path dir = base().resolve("nixproc-0");
        assertEquals(0, asPeer("mkdir", "-m", "777", dir.toString()).status());
        // The attacker listens where root's daemon socket would be, recording what arrives.
        Path captured = tmp.resolve("captured");
        Files.createFile(captured);
        Files.setPosixFilePermissions(captured, PosixFilePermissions.fromString("rw-rw-rw-"));
        Process listener = new ProcessBuilder("runuser", "-u", PEER, "--", "python3", "-c",
                "import socket, sys\n"
                        + "s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(5)\n"
                        + "print('listening', flush=True)\n"
                        + "while True:\n"
                        + "    c, _ = s.accept(); open(sys.argv[2], 'ab').write(b'connected ' + c.recv(65536))\n",
                dir.resolve(DaemonClient.socketName()).toString(), captured.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("listening", new String(listener.getInputStream().readNBytes(9), StandardCharsets.UTF_8));
            Result r = instantiate(client, "--eval", "-E", "1 + 1");
            assertEquals(1, r.status());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("error: the nixproc daemon's directory " + dir + " is owned by user "),
                    r.err());
            assertTrue(r.err().contains("Remove it"), r.err());
            assertEquals("", Files.readString(captured), "nothing reached the attacker");
        } finally {
            listener.destroy();
        }
        // NIXPROC_DAEMON=0, which the message offers, works meanwhile.
        Result direct = run(List.of(ROOT.resolve("bin/nix-instantiate").toString(), "--eval", "-E", "1 + 1"),
                Map.of("TMPDIR", base.toString(), "NIXPROC_DAEMON", "0"));
        assertEquals("2\n", direct.out(), direct.err());
    }

    /** A root shell may inherit another user's XDG_RUNTIME_DIR: the client does not use it. */
    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void anotherUsersRuntimeDirectoryIsPassedOver(DaemonClient client) throws Exception {
        base();
        Path runtime = Files.createDirectory(tmp.resolve("runtime"));
        run(List.of("chown", PEER, runtime.toString()), Map.of());
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Result r = run(client.instantiate("", "--eval", "-E", "1 + 1"),
                Map.of("TMPDIR", base.toString(), "XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals("2\n", r.out(), r.err());
        assertTrue(Files.exists(base.resolve("nixproc-0").resolve(DaemonClient.socketName())));
        try (var entries = Files.list(runtime)) {
            assertEquals(0, entries.count());
        }
    }

    /** A directory that is the user's own but holds another user's socket (only root can do that). */
    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void theClientSendsNothingToAnotherUsersDaemon(DaemonClient client) throws Exception {
        int uid = Integer.parseInt(run(List.of("id", "-u", PEER), Map.of()).out().trim());
        Path dir = Files.createDirectory(base().resolve("nixproc-" + uid));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        run(List.of("chown", PEER, dir.toString()), Map.of());
        Path socket = dir.resolve(DaemonClient.socketName());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            List<String> command = new ArrayList<>(List.of("runuser", "-u", PEER, "--", "env", "TMPDIR=" + base,
                    "SECRET_TOKEN=hunter2"));
            command.addAll(client.instantiate("", "--eval", "-E", "1 + 1"));
            Result r = run(command, Map.of());
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("error: the nixproc daemon at " + socket + " runs as user 0, not as you (user "
                    + uid + "); nothing was sent."), r.err());
            try (SocketChannel c = server.accept()) {
                assertEquals(-1, c.read(ByteBuffer.allocate(1)), "the client sent nothing");
            }
        }
    }

    @Test
    void theDaemonRefusesAnotherUsersConnection() throws Exception {
        base();
        assertEquals("2\n", instantiate("--eval", "-E", "1 + 1").out());
        Path dir = base.resolve("nixproc-0");
        Path socket = dir.resolve(DaemonClient.socketName());
        // Loosened by hand, so that the daemon's own check is what stands in the way.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        // The refusal comes before anything is read, so the peer only reads.
        Result r = asPeer("python3", "-c", "import socket, sys\n"
                + "s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n"
                + "data = b''\n"
                + "while True:\n"
                + "    d = s.recv(65536)\n"
                + "    if not d: break\n"
                + "    data += d\n"
                + "sys.stdout.buffer.write(data)\n", socket.toString());
        assertEquals(0, r.status(), r.err());
        String expected = "error: this nixproc daemon serves only root, not " + PEER
                + "; run the command without it (NIXPROC_DAEMON=0) or in your own session\n";
        ByteBuffer answer = ByteBuffer.allocate(5 + expected.length() + 9).put((byte) 2).putInt(expected.length())
                .put(expected.getBytes(StandardCharsets.UTF_8)).put((byte) 3).putInt(4).putInt(1);
        assertEquals(new String(answer.array(), StandardCharsets.ISO_8859_1), r.out());
        // And it goes on serving its own user (whose client wants the directory closed again).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertEquals("3\n", instantiate("--eval", "-E", "1 + 2").out());
    }

    /** Clients starting at once on a fresh directory share one daemon. */
    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void concurrentFirstUseStartsOneDaemon(DaemonClient client) throws Exception {
        base();
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProcessBuilder pb = new ProcessBuilder(client.instantiate("", "--eval", "-E", i + " + 1"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().remove("XDG_RUNTIME_DIR");
            pb.environment().put("TMPDIR", base.toString());
            clients.add(pb.start());
            clients.get(i).getOutputStream().close();
        }
        for (int i = 0; i < clients.size(); i++) {
            assertEquals((i + 1) + "\n", new String(clients.get(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(clients.get(i).waitFor(120, TimeUnit.SECONDS));
        }
        long daemons = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" daemon " + base)).orElse(false)).count();
        assertEquals(1, daemons);
    }

    private static Result asPeer(String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", PEER, "--"));
        c.addAll(List.of(command));
        return run(c, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        return DaemonClient.run(command, env, "");
    }
}
