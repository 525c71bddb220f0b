package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rcswitch and rcactivity over fake rc.d trees, run as bin/rcswitch runs them (through Main's lookup). */
class RcSwitchTest {
    @TempDir
    Path tmp;
    RcFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new RcFixture(tmp);
    }

    @AfterEach
    void tearDown() throws IOException {
        fx.close();
    }

    @Test
    void startsInOrderReportsStatusAndStopsAll() throws Exception {
        Path a = fx.script("a", "1", false);
        Path b = fx.script("b", "1", false, a);
        Path c = fx.script("c", "1", false);
        Path rc = fx.profile("p1", a, b, c);

        assertEquals(0, fx.run("rcswitch", "p1/etc/rc.d/rc3.d"), fx.lastErr);
        assertEquals(List.of("start a-1", "start b-1", "start c-1"), fx.log());
        assertTrue(fx.lastOut.contains("started a-1\n"), fx.lastOut);
        assertEquals(3, fx.alivePids().size());

        assertEquals(0, fx.run("rcactivity", "status", rc.toString()), fx.lastErr);
        List<String> lines = fx.lastOut.lines().toList();
        assertEquals(3, lines.size(), fx.lastOut);
        assertEquals("a is running with Process ID(s) " + fx.pid("a", "1"), lines.get(0));
        assertTrue(lines.get(1).startsWith("b is running"));
        assertTrue(lines.get(2).startsWith("c is running"));

        assertEquals(0, fx.run("rcactivity", "stop", rc.toString()), fx.lastErr);
        assertEquals(List.of("stop c-1", "stop b-1", "stop a-1"), fx.log().subList(3, 6));
        assertEquals(List.of(), fx.alivePids());

        assertNotEquals(0, fx.run("rcactivity", "status", rc.toString()));
        assertEquals(3, fx.lastOut.lines().filter(l -> l.endsWith("is not running")).count(), fx.lastOut);
    }

    @Test
    void upgradeKeepsUnchangedStopsRemovedInReverseAndStartsNew() throws Exception {
        Path a = fx.script("a", "1", false);
        Path b1 = fx.script("b", "1", false);
        Path c = fx.script("c", "1", false);
        Path b2 = fx.script("b", "2", false);
        Path d = fx.script("d", "1", false);
        fx.profile("old", a, b1, c);
        fx.profile("new", a, b2, d);

        assertEquals(0, fx.run("rcswitch", "old/etc/rc.d/rc3.d"), fx.lastErr);
        long pidA = fx.pid("a", "1");
        assertTrue(fx.alive(pidA));

        assertEquals(0, fx.run("rcswitch", "new/etc/rc.d/rc3.d", "old/etc/rc.d/rc3.d"), fx.lastErr);
        assertEquals(List.of("stop c-1", "stop b-1", "start b-2", "start d-1"), fx.log().subList(3, 7));
        assertEquals(pidA, fx.pid("a", "1"));
        assertTrue(fx.alive(pidA));
        assertEquals(3, fx.alivePids().size());

        fx.run("rcactivity", "stop", "new/etc/rc.d/rc3.d");
        assertEquals(List.of(), fx.alivePids());
    }

    /**
     * Dependants start only once a process declaring readiness is ready; one never ready fails the
     * switch by name, its dependants are not started, independent ones are.
     */
    @Test
    void dependantsWaitForReadiness() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path a = fx.script("a", "1", false);
        Files.createDirectories(a.resolve("nixproc-support/readiness"));
        Files.writeString(a.resolve("nixproc-support/readiness/a"),
                "command='echo ready-a >> " + fx.log + "; true'\ntimeout=5\n");
        Path b = fx.script("b", "1", false, a);
        Path c = fx.script("c", "1", false);
        Files.createDirectories(c.resolve("nixproc-support/readiness"));
        Files.writeString(c.resolve("nixproc-support/readiness/c"), "port=" + port + "\ntimeout=1\n");
        Path d = fx.script("d", "1", false, c);
        Path e = fx.script("e", "1", false);
        fx.profile("p", a, b, c, d, e);

        assertEquals(1, fx.run("rcswitch", "p/etc/rc.d/rc3.d"));
        assertTrue(fx.lastErr.contains("error: process 'c' is not ready after 1 s (port " + port + ")"), fx.lastErr);
        assertTrue(fx.lastErr.contains("process 'd' not started: it depends on 'c'"), fx.lastErr);
        assertTrue(fx.lastErr.contains("2 process(es) not running: c, d"), fx.lastErr);
        assertEquals(List.of("start a-1", "ready-a", "start b-1", "start c-1", "start e-1"), fx.log());
    }

    @Test
    void failingProcessIsNamedAndIndependentOnesStillStart() throws Exception {
        Path a = fx.script("a", "1", true);
        Path b = fx.script("b", "1", false, a);
        Path c = fx.script("c", "1", false);
        Path d = fx.script("d", "1", false, b);
        fx.profile("p", a, b, c, d);

        int status = fx.run("rcswitch", "p/etc/rc.d/rc3.d");
        assertNotEquals(0, status);
        assertTrue(fx.lastErr.contains("process 'a' failed to start"), fx.lastErr);
        assertTrue(fx.lastErr.contains("process 'b' not started: it depends on 'a'"), fx.lastErr);
        assertTrue(fx.lastErr.contains("process 'd' not started: it depends on 'b'"), fx.lastErr);
        assertTrue(fx.lastErr.contains("a-1: cannot start"), fx.lastErr);
        assertEquals(List.of("start a-1", "start c-1"), fx.log());
        assertTrue(fx.alive(fx.pid("c", "1")));
        assertEquals(1, fx.alivePids().size());
    }

    @Test
    void generationsRollbackListAndDelete() throws Exception {
        Path a = fx.script("a", "1", false);
        Path b1 = fx.script("b", "1", false);
        Path b2 = fx.script("b", "2", false);
        fx.profile("g1", a, b1);
        fx.profile("g2", a, b2);
        Path profiles = tmp.resolve("state/profiles");

        assertEquals(0, fx.run("rcswitch", "--profile", "web", "g1/etc/rc.d/rc3.d"), fx.lastErr);
        long pidA = fx.pid("a", "1");
        // The old set is the profile's current generation.
        assertEquals(0, fx.run("rcswitch", "--profile", "web", "g2/etc/rc.d/rc3.d"), fx.lastErr);
        assertEquals(List.of("start a-1", "start b-1", "stop b-1", "start b-2"), fx.log());
        assertEquals(pidA, fx.pid("a", "1"));
        assertEquals(tmp.resolve("g2").toRealPath(), Files.readSymbolicLink(profiles.resolve("web-2-link")));
        assertEquals(Path.of("web-2-link"), Files.readSymbolicLink(profiles.resolve("web")));
        // The same profile again is no new generation.
        assertEquals(0, fx.run("rcswitch", "--profile", "web", "g2/etc/rc.d/rc3.d"), fx.lastErr);
        assertFalse(Files.exists(profiles.resolve("web-3-link")));

        assertEquals(0, fx.run("rcswitch", "--profile", "web", "--list-generations"));
        List<String> gens = fx.lastOut.lines().toList();
        assertEquals(2, gens.size(), fx.lastOut);
        assertTrue(gens.get(0).startsWith("   1   ") && !gens.get(0).endsWith("(current)"), fx.lastOut);
        assertTrue(gens.get(1).startsWith("   2   ") && gens.get(1).endsWith("(current)"), fx.lastOut);

        assertEquals(0, fx.run("rcswitch", "--profile", "web", "--rollback"), fx.lastErr);
        assertEquals(List.of("stop b-2", "start b-1"), fx.log().subList(4, 6));
        assertEquals(pidA, fx.pid("a", "1"));
        assertEquals(Path.of("web-1-link"), Files.readSymbolicLink(profiles.resolve("web")));
        assertNotEquals(0, fx.run("rcswitch", "--profile", "web", "--rollback"));
        assertTrue(fx.lastErr.contains("no generation older"), fx.lastErr);

        assertEquals(0, fx.run("rcactivity", "status", "--profile", "web"), fx.lastErr);
        assertEquals(2, fx.lastOut.lines().count(), fx.lastOut);

        assertNotEquals(0, fx.run("rcswitch", "--profile", "web", "--delete-generations", "1"));
        assertTrue(Files.exists(profiles.resolve("web-1-link")));
        assertEquals(0, fx.run("rcswitch", "--profile", "web", "--delete-generations", "old"), fx.lastErr);
        assertFalse(Files.exists(profiles.resolve("web-2-link")));
        fx.run("rcswitch", "--profile", "web", "--list-generations");
        assertEquals(1, fx.lastOut.lines().count(), fx.lastOut);

        fx.run("rcactivity", "stop", "--profile", "web");
        assertEquals(List.of(), fx.alivePids());
    }

    @Test
    void generationsAreGarbageCollectorRoots() throws Exception {
        Path a = fx.script("a", "1", false);
        fx.profile("g1", a);
        // A profile that is itself a store path, as nix-build's result is.
        Path pkg = Files.move(tmp.resolve("g1"), fx.store.resolve("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-profile"));
        Files.createSymbolicLink(tmp.resolve("result"), pkg);
        assertEquals(0, fx.run("rcswitch", "--profile", "gc", "result/etc/rc.d/rc3.d"), fx.lastErr);
        var config = org.nixproc.store.local.StoreConfig.fromEnvironment(
                java.util.Map.of("NIX_STORE_DIR", fx.store.toString(), "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString()), null);
        try (var store = org.nixproc.store.local.LocalStore.open(config)) {
            // Valid, as nix-build's outputs are: a link to an invalid path is no root, as in Nix.
            store.registerValidPaths(List.of(store.pathInfoOf(pkg.toString(), java.util.Set.of(), null)));
            assertTrue(store.findRoots().contains(pkg.toString()), store.findRoots().toString());
        }
        fx.run("rcactivity", "stop", "--profile", "gc");
        assertEquals(List.of(), fx.alivePids());
    }

    @Test
    void credentialsAreSkippedUnderForceDisableUserChange() throws Exception {
        Path a = fx.script("a", "1", false);
        Files.createDirectories(a.resolve("dysnomia-support/users"));
        Files.createDirectories(a.resolve("dysnomia-support/groups"));
        Files.writeString(a.resolve("dysnomia-support/groups/nixproctestgrp"), "");
        Files.writeString(a.resolve("dysnomia-support/users/nixproctestusr"), "group=nixproctestgrp\n");
        fx.profile("p", a);
        Files.createFile(tmp.resolve("p").resolve(Credentials.MARKER));
        assertEquals(0, fx.run("rcswitch", "p/etc/rc.d/rc3.d"), fx.lastErr);
        assertTrue(fx.lastErr.contains("note: not creating users [nixproctestusr] and groups [nixproctestgrp]"), fx.lastErr);
        assertTrue(fx.alive(fx.pid("a", "1")));
        fx.run("rcactivity", "stop", "p/etc/rc.d/rc3.d");
        assertEquals(List.of(), fx.alivePids());
    }

    @Test
    void usageErrors() throws Exception {
        assertEquals(2, fx.run("rcswitch"));
        assertEquals(2, fx.run("rcactivity", "status"));
        assertEquals(1, fx.run("rcswitch", "nonexistent"));
        assertTrue(fx.lastErr.contains("is not a directory"), fx.lastErr);
    }
}
