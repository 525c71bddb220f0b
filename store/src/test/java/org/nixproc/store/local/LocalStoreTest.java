package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.StoreException;

/** Registration, queries, canonicalisation, verification and configuration of the local store. */
class LocalStoreTest {
    @TempDir
    Path tmp;
    String storeDir;
    LocalStore store;

    @BeforeEach
    void open() {
        storeDir = tmp.resolve("store").toString();
        store = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")));
    }

    @AfterEach
    void close() {
        store.close();
        StoreFiles.deleteTree(Path.of(storeDir));
    }

    /** Puts a file at a fresh (made-up) store path, unregistered. */
    String file(String hashChar, String name, String contents) throws IOException {
        String p = storeDir + "/" + hashChar.repeat(32) + "-" + name;
        Files.writeString(Path.of(p), contents);
        return p;
    }

    @Test
    void registrationAndQueries() throws IOException {
        String a = file("a", "a", "a");
        String b = file("b", "b", "b " + a);
        String c = file("c", "c", "c " + b);
        assertFalse(store.isValid(a));
        store.registerValidPaths(List.of(
                store.pathInfoOf(c, Set.of(b), null),
                store.pathInfoOf(b, Set.of(a, b), null),
                store.pathInfoOf(a, Set.of(), "/x/drv")));
        assertTrue(store.isValid(a) && store.isValid(b) && store.isValid(c));
        assertEquals(Set.of(a, b), store.queryReferences(b));
        assertEquals(Set.of(b, c), store.queryReferrers(b));
        assertEquals(Set.of(a, b, c), store.queryRequisites(List.of(c)));
        assertEquals(Set.of(a), store.queryRequisites(List.of(a)));
        assertEquals("/x/drv", store.queryDeriver(a).orElseThrow());
        assertTrue(store.queryDeriver(b).isEmpty());
        assertTrue(store.queryPathInfo(c).orElseThrow().narHash().startsWith("sha256:"));
        StoreException e = assertThrows(StoreException.class, () -> store.queryReferences(storeDir + "/" + "d".repeat(32) + "-d"));
        assertEquals("path '" + storeDir + "/" + "d".repeat(32) + "-d' is not valid", e.getMessage());
    }

    @Test
    void registrationIsAtomic() throws IOException {
        String a = file("a", "a", "a");
        String b = file("b", "b", "b");
        String missing = storeDir + "/" + "m".repeat(32) + "-m";
        assertThrows(StoreException.class, () -> store.registerValidPaths(List.of(
                store.pathInfoOf(a, Set.of(), null), store.pathInfoOf(b, Set.of(missing), null))));
        assertFalse(store.isValid(a), "nothing of a failed batch becomes valid");
        assertFalse(store.isValid(b));
    }

    @Test
    void canonicalisation() throws IOException {
        Path d = Path.of(file("a", "tree", "x"));
        Files.delete(d);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub/exe"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(d.resolve("sub/exe"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(d.resolve("plain"), "p");
        Files.setPosixFilePermissions(d.resolve("plain"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.createSymbolicLink(d.resolve("link"), Path.of("plain"));
        store.canonicalise(d);
        assertEquals("r-xr-xr-x", perms(d));
        assertEquals("r-xr-xr-x", perms(d.resolve("sub")));
        assertEquals("r-xr-xr-x", perms(d.resolve("sub/exe")));
        assertEquals("r--r--r--", perms(d.resolve("plain")));
        for (Path p : List.of(d, d.resolve("sub"), d.resolve("plain"), d.resolve("link"))) {
            assertEquals(1000, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis(), p.toString());
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void verifyFindsCorruptionAndMissingPaths() throws IOException {
        String t = store.addTextToStore("t", "text", Set.of());
        String u = store.addTextToStore("u", "refers to " + t, Set.of(t));
        assertTrue(store.verify(true).isEmpty());
        Path f = Path.of(t);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(f, "changed");
        assertTrue(store.verify(false).isEmpty(), "without contents checking only existence counts");
        List<String> problems = store.verify(true);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("path '" + t + "' was modified! expected hash 'sha256:"), problems.get(0));
        Files.delete(f);
        assertTrue(store.verifyStore(false, false).errors(), "a missing path with referrers stays an error");
        Files.delete(Path.of(u));
        store.verify(false);
        assertFalse(store.isValid(u), "a missing path without referrers is dropped");
        store.verify(false);
        assertFalse(store.isValid(t));
    }

    @Test
    void deleteUnregisteredRemovesReadOnlyLeftovers() throws IOException {
        Path d = Path.of(storeDir, "l".repeat(32) + "-out");
        store.deleteUnregistered(d.toString()); // claimed for a build, as a builder does first
        Files.createDirectories(d.resolve("x"));
        Files.writeString(d.resolve("x/f"), "f");
        store.canonicalise(d);
        store.deleteUnregistered(d.toString());
        assertFalse(Files.exists(d));
        String t = store.addTextToStore("t", "text", Set.of());
        assertThrows(StoreException.class, () -> store.deleteUnregistered(t));
        assertTrue(Files.exists(Path.of(t)));
    }

    @Test
    void addingIsIdempotentAndLeavesNoTemporaries() throws IOException {
        String t1 = store.addTextToStore("t", "text", Set.of());
        String t2 = store.addTextToStore("t", "text", Set.of());
        assertEquals(t1, t2);
        try (var entries = Files.list(Path.of(storeDir))) {
            assertEquals(List.of(Path.of(t1)), entries.toList());
        }
    }

    @Test
    void configFromEnvironment() {
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(notes, true, StandardCharsets.UTF_8);
        StoreConfig c = StoreConfig.fromEnvironment(Map.of("NIX_STORE_DIR", "/s//x/", "NIXPROC_STORE_STATE_DIR", "/st"), ps, p -> false);
        assertEquals("/s/x", c.storeDir());
        assertEquals(Path.of("/st"), c.stateDir());
        assertEquals("", notes.toString());

        c = StoreConfig.fromEnvironment(Map.of(), ps, p -> true);
        assertEquals("/nix/store", c.storeDir());
        assertEquals(Path.of("/nix/var/nixproc"), c.stateDir());

        c = StoreConfig.fromEnvironment(Map.of("HOME", "/home/u"), ps, p -> false);
        assertEquals("/home/u/.local/share/nixproc/store", c.storeDir());
        assertEquals(Path.of("/home/u/.local/state/nixproc"), c.stateDir());
        String note = notes.toString(StandardCharsets.UTF_8);
        assertEquals(1, note.lines().count(), note);
        assertTrue(note.contains("/home/u/.local/share/nixproc/store") && note.contains("/home/u/.local/state/nixproc"), note);
    }

    /**
     * NIXPROC_STATE_DIR, the former name, is nix-processmgmt's name for the processes' state: it
     * names the store's state only when it holds nixproc's database already, with a notice.
     */
    @Test
    void formerStateVariableOnlyWhereItCannotBeMisread() throws Exception {
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(notes, true, StandardCharsets.UTF_8);
        Path processesState = Files.createDirectories(tmp.resolve("var"));
        StoreConfig c = StoreConfig.fromEnvironment(Map.of("NIXPROC_STATE_DIR", processesState.toString()), ps, p -> true);
        assertEquals(Path.of("/nix/var/nixproc"), c.stateDir());
        assertEquals("", notes.toString());

        Path former = tmp.resolve("state");
        assertTrue(Files.exists(former.resolve("db/db.sqlite")), "the store of this test is there");
        c = StoreConfig.fromEnvironment(Map.of("NIXPROC_STATE_DIR", former.toString()), ps, p -> true);
        assertEquals(former, c.stateDir());
        assertTrue(notes.toString().startsWith("warning: NIXPROC_STATE_DIR is deprecated"), notes.toString());

        c = StoreConfig.fromEnvironment(Map.of("NIXPROC_STATE_DIR", former.toString(), "NIXPROC_STORE_STATE_DIR", "/st"),
                ps, p -> true);
        assertEquals(Path.of("/st"), c.stateDir());
    }

    @Test
    void concurrentAddersOnTwoConnectionsAgree() throws Exception {
        // Two stores on one state directory stand for two processes: separate SQLite connections.
        try (LocalStore second = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                LocalStore s = i % 2 == 0 ? store : second;
                int n = i % 8;
                results.add(pool.submit(() -> {
                    String base = s.addTextToStore("base", "base", Set.of());
                    return s.addTextToStore("t" + n, "text " + n + " " + base, Set.of(base));
                }));
            }
            Set<String> paths = new java.util.HashSet<>();
            for (var f : results) {
                paths.add(f.get());
            }
            pool.shutdown();
            assertEquals(8, paths.size());
            assertEquals(9, store.validPaths().size());
            try (var entries = Files.list(Path.of(storeDir))) {
                assertEquals(9, entries.count(), "no duplicates, no temporaries");
            }
            assertTrue(second.verify(true).isEmpty());
        }
    }
}
