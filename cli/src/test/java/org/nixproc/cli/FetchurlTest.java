package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * builtin:fetchurl (through {@code <nix/fetchurl.nix>}), nix-prefetch-url and
 * nix-store --add-fixed against a loopback HTTP server.
 */
class FetchurlTest {
    /** "hello\n" and its SHA-256 in Nix's base-32, as nix-prefetch-url of Nix 2.8 prints it. */
    private static final String HELLO = "hello\n";
    private static final String HELLO_SHA256 = "00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq";
    /** The name of the served file, and of the store path fetching it gives. */
    private static final String HELLO_NAME = "hello.txt";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String p = exchange.getRequestURI().getPath();
            byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
            if (p.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/" + HELLO_NAME);
                exchange.sendResponseHeaders(302, -1);
            } else if (p.equals("/" + HELLO_NAME) || p.equals("/other")) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CapturedRun run(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString());
        return CapturedRun.run(command, env, tmp.toString(), args);
    }

    private static String fetch(String url, String extra) {
        return "import <nix/fetchurl.nix> { url = \"" + url + "\"; sha256 = \"" + HELLO_SHA256 + "\"; " + extra + " }";
    }

    @Test
    void downloadsOverHttpFollowingRedirects() throws Exception {
        CapturedRun r = run("nix-build", "--no-out-link", "-E", fetch(base + "/moved", "name = \"" + HELLO_NAME + "\";"));
        assertEquals(0, r.status(), r.err());
        Path out = Path.of(r.out().trim());
        assertEquals(HELLO, Files.readString(out));
        assertFalse(Files.isExecutable(out));
        // The same name and hash: the same path, valid, so nothing is downloaded again.
        int before = requests.get();
        CapturedRun again = run("nix-build", "--no-out-link", "-E", fetch(base + "/other", "name = \"" + HELLO_NAME + "\";"));
        assertEquals(r.out(), again.out(), again.err());
        assertEquals(before, requests.get());
    }

    @Test
    void executableAndFileUrls() throws Exception {
        Path file = Files.writeString(tmp.resolve("local"), HELLO);
        CapturedRun r = run("nix-build", "--no-out-link", "-E", "import <nix/fetchurl.nix> { url = \"file://" + file
                + "\"; executable = true; sha256 = \"1yhh619m3cy1mird7f0l7zsmiv9rayqn075zinda2g7rscwn0hv5\"; }");
        assertEquals(0, r.status(), r.err());
        Path out = Path.of(r.out().trim());
        assertTrue(Files.isExecutable(out));
        assertEquals(HELLO, Files.readString(out));
    }

    @Test
    void failuresLeaveNothing() throws Exception {
        CapturedRun missing = run("nix-build", "--no-out-link", "-E", fetch(base + "/absent", ""));
        assertEquals(100, missing.status());
        assertTrue(missing.err().contains("> error: unable to download '" + base + "/absent': HTTP error 404"),
                missing.err());

        CapturedRun wrong = run("nix-build", "--no-out-link", "-E", "import <nix/fetchurl.nix> { url = \"" + base
                + "/other\"; sha256 = \"0000000000000000000000000000000000000000000000000000\"; }");
        assertEquals(102, wrong.status(), wrong.err());
        assertTrue(wrong.err().contains("hash mismatch in fixed-output derivation"), wrong.err());

        server.stop(0);
        CapturedRun offline = run("nix-build", "--no-out-link", "-E", fetch(base + "/" + HELLO_NAME, ""));
        assertEquals(100, offline.status());
        assertTrue(offline.err().contains("unable to download '" + base + "/" + HELLO_NAME + "': could not connect to"),
                offline.err());
        try (var entries = Files.list(tmp.resolve("store"))) {
            assertEquals(java.util.List.of(), entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".drv") && !n.startsWith(".")).toList());
        }
    }

    @Test
    void prefetchPrintsTheHashAndSkipsAKnownPath() throws Exception {
        CapturedRun r = run("nix-prefetch-url", base + "/" + HELLO_NAME);
        assertEquals(0, r.status(), r.err());
        assertEquals(HELLO_SHA256 + "\n", r.out());
        assertTrue(r.err().matches("path is '" + tmp.resolve("store") + "/[a-z0-9]{32}-hello.txt'\n"), r.err());
        String path = r.err().substring("path is '".length(), r.err().length() - 2);

        server.stop(0);
        CapturedRun known = run("nix-prefetch-url", "--print-path", base + "/" + HELLO_NAME, HELLO_SHA256);
        assertEquals(0, known.status(), known.err());
        assertEquals(HELLO_SHA256 + "\n" + path + "\n", known.out());

        CapturedRun mismatch = run("nix-prefetch-url", "file://" + Files.writeString(tmp.resolve("x"), "other"),
                HELLO_SHA256);
        assertEquals(1, mismatch.status());
        assertTrue(mismatch.err().startsWith("error: hash mismatch for 'file://"), mismatch.err());
        CapturedRun none = run("nix-prefetch-url");
        assertEquals("error: you must specify a URL\nTry 'nix-prefetch-url --help' for more information.\n", none.err());
    }

    /** A file added with --add-fixed is the path the fetch gives: the build needs no network. */
    @Test
    void addFixedSeedsAFetchWithoutNetwork() throws Exception {
        server.stop(0);
        Files.writeString(tmp.resolve(HELLO_NAME), HELLO);
        CapturedRun added = run("nix-store", "--add-fixed", "sha256", HELLO_NAME);
        assertEquals(0, added.status(), added.err());
        CapturedRun built = run("nix-build", "--no-out-link", "-E", fetch(base + "/" + HELLO_NAME, ""));
        assertEquals(0, built.status(), built.err());
        assertEquals(added.out(), built.out());

        CapturedRun badAlgo = run("nix-store", "--add-fixed", "sha257", HELLO_NAME);
        assertEquals("error: unknown hash algorithm 'sha257'\nTry 'nix-store --help' for more information.\n",
                badAlgo.err());
        CapturedRun absent = run("nix-store", "--add-fixed", "sha256", "nope");
        assertEquals("error: getting status of 'nope': No such file or directory\n", absent.err());
    }
}
