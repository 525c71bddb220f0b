package org.nixproc.processmgmt.disnix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of activations and deactivations across targets, and the rollback of a failed
 * transition, seen through a client interface that records what it is asked and fails the
 * activation of the packages named in a file.
 */
class TransitionTest {
    @TempDir
    Path tmp;
    Path log;
    Path failing;
    Map<String, String> env;

    @BeforeEach
    void client() throws Exception {
        log = tmp.resolve("calls");
        failing = tmp.resolve("failing");
        Files.writeString(failing, "");
        Path client = tmp.resolve("client");
        // CLIENT ADDRESS 'REMOTE LINE': records "ADDRESS ACTIVITY PKG"; fails activating a listed package.
        Files.writeString(client, "#!/bin/sh\n"
                + "set -- \"$1\" $2\n"
                + "addr=$1; shift 2; shift\n"
                + "echo \"$addr $1 $3\" >> " + log + "\n"
                + "[ \"$1\" = activate ] && grep -qx \"$3\" " + failing + " && { echo \"cannot start $3\" >&2; exit 1; }\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("DISNIX_CLIENT_INTERFACE", client.toString(), "PATH", "/usr/bin:/bin");
    }

    private static Manifest manifest(List<Manifest.Mapping> mappings, List<Manifest.Edge> edges) {
        Map<String, Manifest.Target> targets = new LinkedHashMap<>();
        for (String t : List.of("t1", "t2")) {
            targets.put(t, new Manifest.Target(t, t + ".example", null, "/p/" + t, "x86_64-linux", 1));
        }
        return new Manifest(null, targets, mappings, edges);
    }

    private static Manifest.Mapping m(String service, String target, String pkg) {
        return new Manifest.Mapping(service, target, "sysvinit-script", "sysvinit-script", pkg);
    }

    private static final List<Manifest.Edge> EDGES = List.of(new Manifest.Edge("dependsOn", "proxy", "web"),
            new Manifest.Edge("activatesAfter", "web", "db"), new Manifest.Edge("connectsTo", "db", "proxy"));

    private Transition.Outcome run(Manifest old, Manifest next) throws Exception {
        Map<String, ClientInterface> clients = new LinkedHashMap<>();
        for (Manifest m : List.of(old == null ? next : old, next)) {
            m.targets().values().forEach(t -> clients.put(t.name(), new ClientInterface(t, env, "/store")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new Transition(clients, new PrintStream(out, true, StandardCharsets.UTF_8)).run(old, next);
    }

    private List<String> calls() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void firstDeploymentActivatesDependenciesFirstAcrossTargets() throws Exception {
        Manifest next = manifest(List.of(m("proxy", "t2", "/s/proxy"), m("web", "t1", "/s/web"), m("db", "t2", "/s/db")), EDGES);
        Transition.Outcome o = run(null, next);
        assertTrue(o.ok());
        assertEquals(List.of("t2.example activate /s/db", "t1.example activate /s/web", "t2.example activate /s/proxy"), calls());
    }

    @Test
    void unchangedMappingsStayAndDependantsOfMovedOnesRestart() throws Exception {
        Manifest old = manifest(List.of(m("proxy", "t2", "/s/proxy"), m("web", "t1", "/s/web"), m("db", "t2", "/s/db")), EDGES);
        Manifest next = manifest(List.of(m("proxy", "t2", "/s/proxy"), m("web", "t2", "/s/web"), m("db", "t2", "/s/db")), EDGES);
        assertTrue(run(old, next).ok());
        assertEquals(List.of("t2.example deactivate /s/proxy", "t1.example deactivate /s/web",
                "t2.example activate /s/web", "t2.example activate /s/proxy"), calls());
        Files.delete(log);
        Transition.Outcome same = run(next, next);
        assertEquals(new Transition.Outcome(0, 0, null), same);
        assertEquals(List.of(), calls());
    }

    @Test
    void failedActivationRestoresTheOldConfiguration() throws Exception {
        Manifest old = manifest(List.of(m("proxy", "t2", "/s/proxy1"), m("web", "t1", "/s/web1")), EDGES);
        Manifest next = manifest(List.of(m("proxy", "t2", "/s/proxy2"), m("web", "t1", "/s/web2")), EDGES);
        Files.writeString(failing, "/s/proxy2\n");
        Transition.Outcome o = run(old, next);
        assertFalse(o.ok());
        assertEquals(m("proxy", "t2", "/s/proxy2"), o.failed());
        assertEquals(List.of(
                "t2.example deactivate /s/proxy1", "t1.example deactivate /s/web1",
                "t1.example activate /s/web2", "t2.example activate /s/proxy2",
                // rollback: what started of the failed one, this run's activations, then the old ones again
                "t2.example deactivate /s/proxy2", "t1.example deactivate /s/web2",
                "t1.example activate /s/web1", "t2.example activate /s/proxy1"), calls());
    }

    @Test
    void aCycleOfOrderingDependenciesIsAnError() {
        Manifest next = manifest(List.of(m("a", "t1", "/s/a"), m("b", "t1", "/s/b")),
                List.of(new Manifest.Edge("dependsOn", "a", "b"), new Manifest.Edge("activatesAfter", "b", "a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(null, next));
        assertTrue(e.getMessage().contains("is on a cycle of dependsOn/activatesAfter"), e.getMessage());
    }

    @Test
    void anAddressThatWouldBeAnOptionIsRefused() throws Exception {
        ClientInterface c = new ClientInterface(new Manifest.Target("t", "-oProxyCommand=touch " + tmp.resolve("ran"), null,
                "/p", "x86_64-linux", 1), env, "/store");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.run("query-installed"));
        assertTrue(e.getMessage().startsWith("target 't' has an invalid address '-oProxyCommand"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("ran")));
        assertFalse(Files.exists(log));
    }

    @Test
    void manifestTextRoundTrips() throws Exception {
        Manifest m = manifest(List.of(m("proxy", "t2", "/s/proxy"), m("web", "t1", "/s/web")), EDGES);
        Path f = tmp.resolve("manifest");
        Files.writeString(f, m.text());
        Manifest back = Manifest.read(f);
        assertEquals(m.targets(), back.targets());
        assertEquals(m.mappings(), back.mappings());
        assertEquals(m.edges(), back.edges());
        Files.writeString(f, "something else\n");
        assertThrows(IllegalArgumentException.class, () -> Manifest.read(f));
    }

    @Test
    void dotShowsTargetsServicesAndInterDependencies() {
        Manifest m = manifest(List.of(m("proxy", "t2", "/s/proxy"), m("web", "t1", "/s/web"), m("db", "t2", "/s/db")), EDGES);
        String dot = DeploymentGraph.dot(m);
        assertTrue(dot.startsWith("digraph deployment {"), dot);
        assertTrue(dot.contains("label=\"t1\""), dot);
        assertTrue(dot.contains("\"proxy@t2\" -> \"web@t1\" [style=solid];"), dot);
        assertTrue(dot.contains("\"web@t1\" -> \"db@t2\" [style=dotted];"), dot);
        assertTrue(dot.contains("\"db@t2\" -> \"proxy@t2\" [style=dashed];"), dot);
    }
}
