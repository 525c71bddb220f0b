package org.nixproc.processmgmt.testdriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.print.StringEscapes;

/** The container test driver's parts that need no Docker: the expression it builds, archives, flags. */
class TestDriverPartsTest {
    @TempDir
    Path tmp;

    private static CapturedRun run(String command, Map<String, String> env, String... args) throws Exception {
        return CapturedRun.run(command, env, "/", args);
    }

    private static String eval(String expr) throws Exception {
        CapturedRun r = run("nix-instantiate", new HashMap<>(System.getenv()), "--eval", "--strict", "--json", "-E", expr);
        assertEquals(0, r.status(), r.err());
        return r.out().strip();
    }

    @Test
    void quotedStringsDenoteTheirTextExactly() throws Exception {
        String text = "a \"quoted\" \\ ${not} $HOME $ {x}\n\ttab";
        assertEquals("\"a \\\"quoted\\\" \\\\ \\${not} $HOME $ {x}\\n\\ttab\"", StringEscapes.quote(text));
        assertEquals(eval("\"a \\\"quoted\\\" \\\\ \\${not} $HOME $ {x}\\n\\ttab\""), eval(StringEscapes.quote(text)));
    }

    /** The profile's settings and the user's --arg/--argstr reach the processes function. */
    @Test
    void theProfileExpressionPassesTheProfileAndTheUserArguments() throws Exception {
        Path processes = Files.writeString(tmp.resolve("processes.nix"), """
                { stateDir, forceDisableUserChange, port ? 1, name ? "x", unused ? "default" }:
                { one.pkg = [ stateDir forceDisableUserChange port name unused ]; }
                """);
        TestPlan plan = TestPlan.of(processes).profile(TestProfile.UNPRIVILEGED).arg("port", "40 + 2")
                .argstr("name", "it's ${me}").build();
        // buildEnv replaced by one returning the single process's pkg, to look at what it was given.
        String expr = HostBuild.expression(processes, plan).replace("{\n  exprFile",
                "{\n  buildEnv = env: builtins.head env.paths;\n  exprFile");
        assertEquals("[\"/home/unprivileged/var\",true,42,\"it's ${me}\",\"default\"]", eval(expr));
    }

    /** The chosen backend's build-*-env.nix builds the profile, and names itself to the expression. */
    @Test
    void theProfileExpressionIsTheProcessManagers() throws Exception {
        Path processes = Files.writeString(tmp.resolve("processes.nix"),
                "{ processManager, stateDir }: { one.pkg = \"${processManager} ${stateDir}\"; }\n");
        for (String pm : TestPlan.PROCESS_MANAGERS) {
            TestPlan plan = TestPlan.of(processes).processManager(pm).build();
            String expr = HostBuild.expression(processes, plan);
            assertTrue(expr.contains("<nixproc/backends/" + pm + "/build-" + pm + "-env.nix>"), expr);
            assertTrue(eval("(" + expr + ").paths").contains("\"" + pm + " /var\""), pm);
        }
        assertTrue(HostBuild.expression(null, TestPlan.of(processes).build()).contains("exprFile = null;"));
    }

    @Test
    void storeArchivesKeepLinksModesAndTimes() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Path pkg = Files.createDirectories(store.resolve("abc-pkg/bin"));
        Path script = Files.writeString(pkg.resolve("run"), "#!/bin/sh\n");
        Files.setAttribute(script, "unix:mode", 0555);
        Files.createSymbolicLink(pkg.resolve("sh"), Path.of("/usr/bin/bash"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(1000));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        StoreArchive.write(List.of(store.resolve("abc-pkg")), tar);

        Map<String, TarArchiveEntry> entries = new HashMap<>();
        Map<String, String> contents = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(java.util.Set.of("abc-pkg/", "abc-pkg/bin/", "abc-pkg/bin/run", "abc-pkg/bin/sh"), entries.keySet());
        assertTrue(entries.get("abc-pkg/bin/sh").isSymbolicLink());
        assertEquals("/usr/bin/bash", entries.get("abc-pkg/bin/sh").getLinkName());
        assertEquals(0555, entries.get("abc-pkg/bin/run").getMode() & 07777);
        assertEquals("#!/bin/sh\n", contents.get("abc-pkg/bin/run"));
        assertEquals(1000, entries.get("abc-pkg/bin/run").getModTime().getTime());
        assertEquals(0, entries.get("abc-pkg/bin/run").getLongUserId());
    }

    @Test
    void containersAreOrphansOnlyWhenTheirOwnerOnThisHostIsGone() {
        ContainerOwner self = ContainerOwner.current();
        String here = self.host();
        assertEquals(java.util.Optional.of(self), ContainerOwner.parse(self.label()));
        assertFalse(self.isGoneFrom(here));
        assertTrue(new ContainerOwner(here, 999_999_999L, self.startMillis()).isGoneFrom(here));
        // The same PID with another start time is another process.
        assertTrue(new ContainerOwner(here, self.pid(), self.startMillis() - 1000).isGoneFrom(here));
        assertFalse(new ContainerOwner("elsewhere", 999_999_999L, 0).isGoneFrom(here));
        // Labels of other tools (or older versions) name no owner: their containers are left alone.
        assertTrue(ContainerOwner.parse("true").isEmpty());
        assertTrue(ContainerOwner.parse("a/b/c").isEmpty());
    }

    @Test
    void anInterruptedRunSaysSoOnceAndThenNothingMore() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestReport report = new TestReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report.record("deploy", true, "");
        List<String> removed = new ArrayList<>();
        report.interrupt(() -> {
            // What the run does while its container goes away is not printed.
            report.record("test: curl localhost", false, "exit code 137");
            report.step("undeploy");
            removed.add("container");
        });
        assertEquals(List.of("container"), removed);
        assertTrue(report.interrupted());
        assertEquals("PASS deploy\n--- interrupted: removing the container\n--- container removed\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void testsAfterAnUpgradeNeedAnUpgrade() {
        TestPlan.Builder b = TestPlan.of(tmp.resolve("p.nix")).testAfterUpgrade("true");
        assertThrows(IllegalArgumentException.class, b::build);
    }

    @Test
    void badCommandLinesAreRefusedWithUsage() throws Exception {
        Map<String, String> env = Map.of("NIXPROC_TEST_IMAGE", "localhost/none:0", "TESTCONTAINERS_RYUK_DISABLED", "true");
        String[][] bad = {
            { "test" },
            { "test", "--processes" },
            { "test", "--processes", "p.nix", "--profile", "superuser" },
            { "test", "--processes", "p.nix", "--wait-for-port", "http" },
            { "test", "--processes", "p.nix", "--wait-for-port", "70000" },
            { "test", "--processes", "p.nix", "--arg", "x" },
            { "test", "--processes", "p.nix", "--test-after-upgrade", "true" },
            { "test", "--processes", "p.nix", "--frobnicate", "1" },
            { "test", "--processes", "p.nix", "--process-manager", "launchd" },
            { "deploy" },
        };
        for (String[] args : bad) {
            CapturedRun r = run("nixproc", env, args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains("usage: nixproc test"), r.err());
        }
        CapturedRun noRyukSetting = run("nixproc", Map.of("NIXPROC_TEST_IMAGE", "localhost/none:0"), "test", "--processes", "p.nix");
        assertEquals(1, noRyukSetting.status());
        assertTrue(noRyukSetting.err().contains("TESTCONTAINERS_RYUK_DISABLED=true"), noRyukSetting.err());
    }

    /** A build that fails is a failed check, and nothing is started. */
    @Test
    void aFailingBuildIsReportedWithoutAContainer() throws Exception {
        Path processes = Files.writeString(tmp.resolve("processes.nix"), "{ stateDir }: { broken.pkg = throw \"no such service\"; }\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", tmp.resolve("s").toString());
        env.put("NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestReport report = new TestDriver("localhost/none:0", env, tmp, new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(TestPlan.of(processes).test("true").build());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, report.passed(), printed);
        assertEquals(1, report.failed(), printed);
        assertTrue(printed.contains("FAIL build processes.nix") && printed.contains("no such service"), printed);
        assertTrue(printed.endsWith("0 passed, 1 failed\n"), printed);
    }
}
