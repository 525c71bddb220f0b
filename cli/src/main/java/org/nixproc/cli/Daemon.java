package org.nixproc.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;

/**
 * A resident JVM that runs evaluation commands for bin/nixproc-client, so repeated commands
 * skip the JVM's start-up and run already-compiled code, as build tools' daemons do. Each
 * request is independent: its own arguments, environment, working directory and evaluation
 * state. The daemon stops by itself after some idle time, or once its jar is rebuilt (the
 * client then starts one for the new jar).
 *
 * <p>Request: the working directory, the command, its arguments, its environment (KEY=VALUE)
 * and standard input, each as a length-prefixed byte string (counts before lists). Response:
 * frames of one type byte (1 stdout, 2 stderr, 3 exit status) and a length-prefixed payload.
 * A client that hangs up before its answer (Ctrl-C) interrupts its request.
 *
 * <p>A request runs with its caller's rights, so the daemon serves only its own user: its socket
 * must be in a directory only that user may enter, and a connection from anyone else (even
 * root) is answered with an error before anything of it is read.
 */
final class Daemon {
    private static final long IDLE_MILLIS = Long.getLong("nixproc.daemon.idleSeconds", 900) * 1000;

    private final Path socket;
    private final AtomicLong lastUse = new AtomicLong(System.currentTimeMillis());
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    /** The threads of running requests: each has a thread of its own, whose allocations are the request's. */
    private final java.util.Set<Thread> requests = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * The heap the requests may fill together: past it, even after a full collection, the
     * request that allocated most is stopped with "out of memory", before the heap is full and
     * every request fails.
     */
    private final long memoryBound = Runtime.getRuntime().maxMemory() / 2;
    /** Whether a large heap is to be given back once no request has run for {@link #IDLE_COLLECT_MILLIS}. */
    private final java.util.concurrent.atomic.AtomicBoolean collectWhenIdle = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong endedAt = new AtomicLong();
    private static final long IDLE_COLLECT_MILLIS = 2_000;
    /** Requests stopped for memory that have not ended yet. */
    private final java.util.Set<Thread> stopping = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Daemon(Path socket) {
        this.socket = socket;
    }

    static int run(String[] args, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: nixproc daemon SOCKET");
            return 2;
        }
        try {
            new Daemon(Path.of(args[0])).serve();
            return 0;
        } catch (IOException e) {
            err.println("error: daemon: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Serves one request of its own, evaluating training.nix, and returns its exit status: run
     * under -XX:ArchiveClassesAtExit (as bin/nixproc-java does once per jar), it leaves a
     * class-data archive of what a fresh daemon loads to answer a request.
     */
    static int train(PrintStream err) {
        Path dir = null;
        try (java.io.InputStream training = Daemon.class.getResourceAsStream("training.nix")) {
            String expression = new String(training.readAllBytes(), StandardCharsets.UTF_8);
            dir = Files.createTempDirectory("nixproc-training",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path socket = dir.resolve("daemon.sock");
            Thread server = new Thread(() -> {
                try {
                    new Daemon(socket).serve();
                } catch (IOException e) {
                    err.println("error: daemon: " + e.getMessage());
                }
            }, "nixproc-training");
            server.setDaemon(true);
            server.start();
            try (SocketChannel client = connectWhenListening(socket)) {
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
                writeString(out, System.getProperty("user.dir"));
                writeString(out, "nix-instantiate");
                String[] args = {"--eval", "--strict", "-E", expression};
                out.writeInt(args.length);
                for (String a : args) {
                    writeString(out, a);
                }
                out.writeInt(0);
                writeString(out, "");
                out.flush();
                DataInputStream in = new DataInputStream(Channels.newInputStream(client));
                while (true) {
                    int type = in.readByte();
                    byte[] payload = readBytes(in);
                    if (type == 2) {
                        err.write(payload);
                    } else if (type == 3) {
                        return java.nio.ByteBuffer.wrap(payload).getInt();
                    }
                }
            }
        } catch (IOException e) {
            err.println("error: daemon training: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 1;
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("daemon.sock"));
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // A temporary directory left behind.
                }
            }
        }
    }

    /** Connects once the server listens: its socket file appears a moment before that. */
    private static SocketChannel connectWhenListening(Path socket) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (attempt == 2000) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    void serve() throws IOException {
        checkPrivate(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            startIdleWatch();
            startMemoryWatch();
            while (true) {
                SocketChannel client = server.accept();
                active.incrementAndGet();
                lastUse.set(System.currentTimeMillis());
                Thread t = new Thread(() -> handle(client), "nixproc-request");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** The user this process runs as: the owner of its /proc entry is its effective user. */
    private static final UserPrincipal SELF = self();

    private static UserPrincipal self() {
        try {
            return Files.getOwner(Path.of("/proc/self"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Refuses a socket directory that another user owns or may enter (they could swap the socket). */
    static void checkPrivate(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String problem;
        if (!a.isDirectory()) {
            problem = "is not a directory";
        } else if (!a.owner().equals(SELF)) {
            problem = "is owned by " + a.owner().getName() + ", not by " + SELF.getName();
        } else if (!PosixFilePermissions.toString(a.permissions()).endsWith("------")) {
            problem = "may be entered by other users (" + PosixFilePermissions.toString(a.permissions()) + ")";
        } else {
            return;
        }
        throw new IOException("the socket directory " + dir + " " + problem + "; remove it and start again");
    }

    /** How many requests are being answered. */
    int activeRequests() {
        return active.get();
    }

    private void startIdleWatch() {
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                boolean idle = System.currentTimeMillis() - lastUse.get() > IDLE_MILLIS;
                if ((idle || jarChanged()) && active.get() == 0) {
                    try {
                        Files.deleteIfExists(socket);
                    } catch (IOException ignored) {
                        // Exiting anyway; the client starts a new daemon when it finds none.
                    }
                    System.exit(0);
                }
            }
        }, "nixproc-idle");
        watch.setDaemon(true);
        watch.start();
    }

    /** Loaded by the memory watch, not on a request's way: the management classes take a while. */
    private static final class Threads {
        static final com.sun.management.ThreadMXBean BEAN =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    }

    private static long heapUsed() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void startMemoryWatch() {
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                // Garbage counts until collected: only a full collection tells what is live. A
                // request already stopped frees its memory as it ends: it is waited for.
                if (requests.isEmpty() && System.currentTimeMillis() - endedAt.get() > IDLE_COLLECT_MILLIS
                        && collectWhenIdle.getAndSet(false)) {
                    System.gc();
                }
                if (!requests.isEmpty() && stopping.isEmpty() && heapUsed() > memoryBound) {
                    System.gc();
                    if (heapUsed() > memoryBound) {
                        requests.stream()
                                .max(java.util.Comparator.comparingLong(t -> Threads.BEAN.getThreadAllocatedBytes(t.getId())))
                                .ifPresent(t -> {
                                    stopping.add(t);
                                    org.nixproc.lang.eval.Interruption.stopForMemory(t);
                                });
                    }
                }
            }
        }, "nixproc-memory");
        watch.setDaemon(true);
        watch.start();
    }

    private void started(SocketChannel client, Thread request) {
        requests.add(request);
        interruptOnHangUp(client, request);
    }

    /**
     * After a request: give what a large one took back to the system once nothing runs, at once
     * after one stopped for memory, else after a moment of idleness.
     */
    private void ended(Thread request) {
        if (request == null) {
            return;
        }
        requests.remove(request);
        boolean stopped = org.nixproc.lang.eval.Interruption.stoppedForMemory(request);
        stopping.remove(request);
        if (requests.isEmpty() && stopped) {
            System.gc();
        } else if (heapGrew()) {
            // Not at once: a command that follows at once would grow the heap again.
            collectWhenIdle.set(true);
            endedAt.set(System.currentTimeMillis());
        }
    }

    /** Whether the heap is larger than it started: only a full collection shrinks it again. */
    private static boolean heapGrew() {
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getCommitted() > heap.getInit();
    }

    private static final String JAR_STAMP = jarStamp();

    /** The jar's modification time and size, or null when not run from a jar. */
    private static String jarStamp() {
        try {
            Path jar = Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? Files.getLastModifiedTime(jar) + "/" + Files.size(jar) : null;
        } catch (IOException | java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    private static boolean jarChanged() {
        return JAR_STAMP != null && !JAR_STAMP.equals(jarStamp());
    }

    private void handle(SocketChannel client) {
        Thread[] request = {null};
        try (client) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            UserPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            if (!peer.equals(SELF)) {
                refuse(out, peer);
                return;
            }
            String cwd = readString(in);
            String command = readString(in);
            String[] args = new String[in.readInt()];
            for (int i = 0; i < args.length; i++) {
                args[i] = readString(in);
            }
            Map<String, String> env = new HashMap<>();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String kv = readString(in);
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            byte[] stdin = readBytes(in);
            PrintStream o = new PrintStream(new java.io.BufferedOutputStream(new Frames(out, 1), 1 << 16), false,
                    StandardCharsets.ISO_8859_1);
            PrintStream e = new PrintStream(new Frames(out, 2), true, StandardCharsets.ISO_8859_1);
            Invocation inv = new Invocation(o, e, new ByteArrayInputStream(stdin), env,
                    org.nixproc.lang.eval.Bytes.fromJava(cwd));
            int status = Main.runWithLargeStack(command, args, inv, t -> {
                request[0] = t;
                started(client, t);
            });
            o.flush();
            e.flush();
            synchronized (out) {
                out.writeByte(3);
                out.writeInt(4);
                out.writeInt(status);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client went away; nothing to report to.
        } finally {
            ended(request[0]);
            lastUse.set(System.currentTimeMillis());
            active.decrementAndGet();
        }
    }

    /** Tells another user's client that this daemon is not theirs, as stderr and exit status 1. */
    private static void refuse(DataOutputStream out, UserPrincipal peer) throws IOException {
        byte[] message = ("error: this nixproc daemon serves only " + SELF.getName() + ", not " + peer.getName()
                + "; run the command without it (NIXPROC_DAEMON=0) or in your own session\n")
                .getBytes(StandardCharsets.UTF_8);
        System.err.println("refused a connection from " + peer.getName());
        out.writeByte(2);
        out.writeInt(message.length);
        out.write(message);
        out.writeByte(3);
        out.writeInt(4);
        out.writeInt(1);
        out.flush();
    }

    /**
     * Interrupts {@code request} when the client closes its end: a client sends nothing after its
     * request, so a read that returns is a hang-up. The channel is read directly: its stream
     * would hold the lock its output stream needs for writing.
     */
    private static void interruptOnHangUp(SocketChannel client, Thread request) {
        Thread watch = new Thread(() -> {
            try {
                client.read(java.nio.ByteBuffer.allocate(1));
            } catch (IOException e) {
                // Closed: by the client, or by this side once the answer is sent.
            }
            request.interrupt();
        }, "nixproc-hang-up");
        watch.setDaemon(true);
        watch.start();
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /** An output stream sending what is written as frames of one type. */
    private static final class Frames extends OutputStream {
        private final DataOutputStream out;
        private final int type;

        Frames(DataOutputStream out, int type) {
            this.out = out;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            synchronized (out) {
                out.writeByte(type);
                out.writeInt(len);
                out.write(b, off, len);
                out.flush();
            }
        }
    }
}
