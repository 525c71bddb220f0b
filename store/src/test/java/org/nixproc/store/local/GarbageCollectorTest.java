package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.StoreException;

/** Roots, garbage collection and deleting specific paths. */
class GarbageCollectorTest {
    @TempDir
    Path tmp;
    String storeDir;
    Path state;
    LocalStore store;
    String base;
    String mid;
    String top;
    String drv;
    String other;

    @BeforeEach
    void open() {
        storeDir = tmp.resolve("store").toString();
        state = tmp.resolve("state");
        store = LocalStore.open(new StoreConfig(storeDir, state));
        base = store.addTextToStore("base", "base", Set.of());
        mid = store.addTextToStore("mid", "mid " + base, Set.of(base));
        drv = store.addTextToStore("top.drv", "a derivation", Set.of());
        top = storeDir + "/" + "q".repeat(32) + "-top";
        try {
            Files.writeString(Path.of(top), "top " + mid);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        store.canonicalise(Path.of(top));
        store.registerValidPaths(List.of(store.pathInfoOf(top, Set.of(mid), drv)));
        other = store.addTextToStore("other", "other", Set.of());
        // What a store added is a temporary root while it is open: collect with a fresh one.
        store.close();
        store = LocalStore.open(new StoreConfig(storeDir, state));
    }

    @Test
    void pathsAddedByAnOpenStoreAreTemporaryRoots() {
        try (LocalStore adder = LocalStore.open(new StoreConfig(storeDir, state))) {
            String fresh = adder.addTextToStore("fresh", "fresh", Set.of());
            adder.addTempRoot(mid);
            GcResult r = store.collectGarbage(false);
            assertTrue(store.isValid(fresh) && store.isValid(mid) && store.isValid(base));
            assertEquals(Set.of(top, drv, other), Set.copyOf(r.deleted()));
        }
        assertEquals(3, store.collectGarbage(false).deleted().size(), "closed: fresh, mid and base go");
    }

    @AfterEach
    void close() {
        store.close();
        StoreFiles.deleteTree(Path.of(storeDir));
    }

    @Test
    void gcKeepsWhatRootsReach() {
        Path result = tmp.resolve("result");
        store.addPermRoot(result, top);
        assertEquals(Path.of(top), readLink(result));
        assertEquals(Set.of(top), store.findRoots());
        GcResult dry = store.collectGarbage(true);
        assertEquals(List.of(other), dry.deleted());
        assertTrue(Files.exists(Path.of(other)));

        GcResult r = store.collectGarbage(false);
        assertEquals(List.of(other), r.deleted());
        assertEquals(5, r.bytesFreed());
        assertFalse(Files.exists(Path.of(other)));
        assertFalse(store.isValid(other));
        for (String live : List.of(top, mid, base, drv)) {
            assertTrue(store.isValid(live) && Files.exists(Path.of(live)), live + " is kept (the deriver too)");
        }
    }

    @Test
    void removedResultLinkFreesItsClosure() throws IOException {
        Path result = tmp.resolve("result");
        store.addPermRoot(result, top);
        Files.delete(result);
        assertEquals(Set.of(), store.findRoots());
        try (var auto = Files.list(state.resolve("gcroots/auto"))) {
            assertEquals(0, auto.count(), "the dead indirect root is removed");
        }
        GcResult r = store.collectGarbage(false);
        assertEquals(Set.of(top, mid, base, drv, other), Set.copyOf(r.deleted()));
        List<String> d = r.deleted();
        assertTrue(d.indexOf(top) < d.indexOf(mid) && d.indexOf(mid) < d.indexOf(base),
                "referrers are deleted before what they refer to: " + d);
        try (var entries = Files.list(Path.of(storeDir))) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void profilesAndDirectRootsCount() throws IOException {
        Files.createSymbolicLink(state.resolve("profiles/default-1-link"), Path.of(mid));
        Files.createDirectories(state.resolve("gcroots/x"));
        Files.createSymbolicLink(state.resolve("gcroots/x/r"), Path.of(other));
        assertEquals(Set.of(mid, other), store.findRoots());
        store.collectGarbage(false);
        assertTrue(store.isValid(mid) && store.isValid(base) && store.isValid(other));
        assertFalse(store.isValid(top));
        assertFalse(store.isValid(drv));
    }

    @Test
    void rootLinksGoByTheLinkThatPointsIntoTheStore() throws IOException {
        Path result = store.addPermRoot(tmp.resolve("work/../result"), top);
        assertEquals(tmp.resolve("result"), result, "the root's absolute, normalised path");
        store.addPermRoot(tmp.resolve("gone"), mid);
        Files.delete(tmp.resolve("gone"));
        Files.createSymbolicLink(state.resolve("profiles/default-1-link"), Path.of(mid));
        Files.createSymbolicLink(state.resolve("profiles/default"), Path.of("default-1-link"));
        Files.createSymbolicLink(state.resolve("gcroots/direct"), Path.of(other, "sub"));
        String invalid = storeDir + "/" + "a".repeat(32) + "-invalid";
        Files.createSymbolicLink(state.resolve("gcroots/invalid"), Path.of(invalid));
        List<String> log = new ArrayList<>();
        Map<Path, String> links = store.findRootLinks(log::add);
        assertEquals(List.of(Map.entry(result, top), Map.entry(state.resolve("gcroots/direct"), other),
                Map.entry(state.resolve("profiles/default-1-link"), mid)),
                List.copyOf(links.entrySet()));
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.contains("skipping invalid root from '" + state.resolve("gcroots/invalid") + "' to '" + invalid
                + "'"), log.toString());
        assertTrue(log.contains("removing stale link from '" + state.resolve("gcroots/auto/" + GcRoots.autoName(
                tmp.resolve("gone"))) + "' to '" + tmp.resolve("gone") + "'"), log.toString());
        assertEquals(Set.of(top, mid, other), store.findRoots());
    }

    @Test
    void indirectRootsAreNamedAsNixNamesThem() {
        // The name Nix 2.8 gave the indirect root of the link /tmp/cmp/work/q-3-dev.
        assertEquals("5i2gn5z5cv4rckxwfc3zf9kpdmck9rqr", GcRoots.autoName(Path.of("/tmp/cmp/work/q-3-dev")));
    }

    @Test
    void lockedPathsAndTheirReferencesSurvive() {
        try (PathLocks.Lock l = store.lockPaths(List.of(mid))) {
            store.collectGarbage(false);
        }
        assertFalse(store.isValid(top));
        assertTrue(store.isValid(mid) && store.isValid(base));
    }

    @Test
    void staleTemporariesAreRemovedOnlyWhenUnlocked() throws IOException {
        Path stale = store.tempPathFor(storeDir + "/" + "s".repeat(32) + "-x");
        Files.createDirectories(stale.resolve("d"));
        String busyPath = storeDir + "/" + "b".repeat(32) + "-y";
        Path busy = store.tempPathFor(busyPath);
        Files.writeString(busy, "in progress");
        Path foreign = Path.of(storeDir, "f".repeat(32) + "-not-ours");
        Files.writeString(foreign, "someone else's");
        try (PathLocks.Lock l = store.lockPaths(List.of(busyPath))) {
            store.collectGarbage(false);
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(busy));
        assertTrue(Files.exists(foreign), "an unregistered path we did not mark as ours is never deleted");
    }

    @Test
    void deletePathsRefusesLivePaths() {
        store.addPermRoot(tmp.resolve("result"), mid);
        StoreException e = assertThrows(StoreException.class, () -> store.deletePaths(List.of(base)));
        assertEquals("Cannot delete path '" + base
                + "' since it is still alive. To find out why, use: nix-store --query --roots", e.getMessage());
        assertThrows(StoreException.class, () -> store.deletePaths(List.of(mid)));
        assertTrue(store.isValid(base) && store.isValid(mid));
        // top refers to mid but is not itself reachable: it can go, and other too.
        store.deletePaths(List.of(top, other));
        assertFalse(store.isValid(top) || store.isValid(other));
        assertFalse(Files.exists(Path.of(top)));
    }

    @Test
    void deletePathsRefusesPathsStillReferenced() {
        assertThrows(StoreException.class, () -> store.deletePaths(List.of(mid)));
        GcResult r = store.deletePathsCounted(List.of(mid, top));
        assertEquals(Set.of(mid, top), Set.copyOf(r.deleted()));
        assertTrue(store.isValid(base));
    }

    private static Path readLink(Path p) {
        try {
            assertTrue(Files.isSymbolicLink(p));
            return Files.readSymbolicLink(p);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void addPermRootReplacesAtomically() throws IOException {
        Path result = tmp.resolve("result");
        store.addPermRoot(result, top);
        store.addPermRoot(result, other);
        assertEquals(Path.of(other), readLink(result));
        assertEquals(Set.of(other), store.findRoots());
        assertTrue(Files.exists(result, LinkOption.NOFOLLOW_LINKS));
    }
}
