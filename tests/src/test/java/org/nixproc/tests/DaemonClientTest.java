package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nixproc.tests.DaemonClient.Result;

/**
 * What either client of the resident JVM does for its user (see {@link DaemonClient}): start
 * the daemon when none runs, pass arguments, standard input and the answer through, refuse a
 * socket directory others may change, and give up on a daemon that keeps dropping the request.
 */
@Timeout(300)
class DaemonClientTest {
    /** With a tab, a newline and runs of spaces: the clients split the options on any whitespace. */
    private static final String JAVA_OPTS = " -Xmx512m\t-XX:+UseSerialGC\n -XX:TieredStopAtLevel=1 ";

    /** TMPDIR of the clients: the daemon's socket is in its nixproc-UID. */
    @TempDir
    Path tmp;

    @AfterEach
    void stopDaemons() {
        daemons().forEach(ProcessHandle::destroy);
    }

    private Path socketDirectory() throws IOException {
        return tmp.resolve("nixproc-" + Files.getAttribute(tmp, "unix:uid"));
    }

    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void startsTheDaemonAndPassesRequestsAndAnswersThrough(DaemonClient client) throws Exception {
        Result first = run(client, "", "--eval", "-E", "builtins.trace \"to stderr\" 42");
        assertEquals(new Result(0, "42\n", "trace: to stderr\n"), first);
        List<ProcessHandle> daemons = daemons();
        assertEquals(1, daemons.size());
        Path socket = socketDirectory().resolve(DaemonClient.socketName());
        assertEquals(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                DaemonClient.JAR.toString(), "daemon", socket.toString()),
                List.of(daemons.get(0).info().arguments().orElseThrow()));
        assertEquals(new Result(1, "", "error: no\n"), run(client, "", "--eval", "-E", "throw \"no\""));
        assertEquals(new Result(0, "42\n", ""), run(client, "6 * 7", "--eval", "-"));
        assertEquals(daemons, daemons(), "the first daemon answered them all");
    }

    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void refusesASocketDirectoryOthersMayEnter(DaemonClient client) throws Exception {
        Path dir = Files.createDirectory(socketDirectory());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(new Result(1, "", "error: the nixproc daemon's directory " + dir
                + " may be entered by other users (mode 0755); nothing was sent to it. Remove it (rm -rf " + dir
                + ", as root if need be) and run the command again, or set NIXPROC_DAEMON=0 to run without the daemon\n"),
                run(client, "", "--eval", "-E", "1"));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count(), "no daemon was started");
        }
    }

    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void refusesABaseDirectoryOthersMayChange(DaemonClient client) throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(new Result(1, "", "error: " + tmp + " may be changed by other users (owner "
                + Files.getAttribute(tmp, "unix:uid") + ", mode 0777), so the nixproc daemon's socket cannot live"
                + " there; set TMPDIR to a directory of yours, or NIXPROC_DAEMON=0 to run without the daemon\n"),
                run(client, "", "--eval", "-E", "1"));
        assertTrue(Files.notExists(socketDirectory()));
    }

    /** A daemon that drops every connection (as one that is stopping may): three tries, then the error. */
    @ParameterizedTest
    @EnumSource(DaemonClient.class)
    void givesUpOnADaemonThatDropsTheRequestThreeTimes(DaemonClient client) throws Exception {
        Path dir = Files.createDirectory(socketDirectory());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        AtomicInteger dropped = new AtomicInteger();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve(DaemonClient.socketName())));
            Thread dropping = new Thread(() -> {
                try {
                    while (true) {
                        try (SocketChannel c = server.accept()) {
                            dropped.incrementAndGet();
                        }
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            dropping.setDaemon(true);
            dropping.start();
            Result r = run(client, "", "--eval", "-E", "1");
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("error: lost the connection to the nixproc daemon ("), r.err());
        }
        assertEquals(3, dropped.get());
    }

    /** The daemons started with TMPDIR=tmp. */
    private List<ProcessHandle> daemons() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" daemon " + tmp)).orElse(false)).toList();
    }

    /** The client run with TMPDIR=tmp, {@code stdin} as its standard input (a pipe, not a terminal). */
    private Result run(DaemonClient client, String stdin, String... args) throws Exception {
        return DaemonClient.run(client.instantiate(JAVA_OPTS, args), Map.of("TMPDIR", tmp.toString()), stdin);
    }
}
