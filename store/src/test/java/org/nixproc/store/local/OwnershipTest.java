package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.StoreException;

/** A store directory shared with another Nix: what we did not make, we never delete. */
class OwnershipTest {
    @TempDir
    Path tmp;

    @Test
    void aForeignPathAtAnOutputIsNotReplaced() throws IOException {
        String storeDir = tmp.resolve("store").toString();
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")))) {
            String foreign = storeDir + "/" + "f".repeat(32) + "-made-by-another-nix";
            Files.writeString(Path.of(foreign), "not ours");
            StoreException e = assertThrows(StoreException.class, () -> store.deleteUnregistered(foreign));
            assertTrue(e.getMessage().contains("was not made by nixproc"), e.getMessage());
            assertTrue(Files.exists(Path.of(foreign)));

            String ours = storeDir + "/" + "a".repeat(32) + "-leftover";
            store.deleteUnregistered(ours);
            Files.writeString(Path.of(ours), "a killed build's partial output");
            store.deleteUnregistered(ours);
            assertFalse(Files.exists(Path.of(ours), LinkOption.NOFOLLOW_LINKS), "a claimed leftover is cleaned");
        }
    }

    @Test
    void anAdoptedPathIsForgottenButNotDeletedByTheCollector() throws IOException {
        String storeDir = tmp.resolve("store").toString();
        Path state = tmp.resolve("state");
        String path;
        // Another Nix, with its own database, puts the file there first.
        try (LocalStore other = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("other-nix")))) {
            path = other.addTextToStore("shared", "same contents", Set.of());
        }
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, state))) {
            assertEquals(path, store.addTextToStore("shared", "same contents", Set.of()));
            assertTrue(store.isValid(path));
        }
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, state))) {
            GcResult r = store.collectGarbage(false);
            assertEquals(java.util.List.of(path), r.deleted());
            assertFalse(store.isValid(path));
            assertTrue(Files.exists(Path.of(path)), "the other Nix's file stays");
        }
    }

    @Test
    void theCollectorRemovesAClaimedLeftoverOnlyOnceNobodyHoldsItsLock() throws IOException {
        String storeDir = tmp.resolve("store").toString();
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")))) {
            String leftover = storeDir + "/" + "b".repeat(32) + "-being-built";
            String stale = storeDir + "/" + "d".repeat(32) + "-claimed-then-deleted";
            store.deleteUnregistered(leftover);
            store.deleteUnregistered(stale);
            Files.writeString(Path.of(leftover), "partial output");
            try (PathLocks.Lock building = store.lockPaths(java.util.List.of(leftover))) {
                assertFalse(store.collectGarbage(false).deleted().contains(leftover));
                assertTrue(Files.exists(Path.of(leftover)), "a build holding the lock keeps its output");
            }
            assertEquals(java.util.List.of(leftover), store.collectGarbage(true).deleted());
            assertEquals(java.util.List.of(leftover), store.collectGarbage(false).deleted());
            assertFalse(Files.exists(Path.of(leftover), LinkOption.NOFOLLOW_LINKS));
            assertEquals(java.util.List.of(), store.ownership().claimed(), "the claims of what is gone are dropped");
        }
    }

    @Test
    void markerFilesOfEarlierVersionsStillCount() throws IOException {
        String storeDir = tmp.resolve("store").toString();
        Path state = tmp.resolve("state");
        String leftover = storeDir + "/" + "c".repeat(32) + "-claimed-by-a-marker-file";
        Files.createDirectories(Path.of(storeDir));
        Files.writeString(Path.of(leftover), "a killed build's partial output");
        Files.createDirectories(state.resolve("claimed"));
        Files.createFile(state.resolve("claimed").resolve(Path.of(leftover).getFileName()));
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, state))) {
            store.deleteUnregistered(leftover);
            assertFalse(Files.exists(Path.of(leftover), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(state.resolve("claimed")), "the marks moved into the database");
        }
    }
}
