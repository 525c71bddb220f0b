package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rc.d layout of built scripts: links, sequence numbers of a dependency chain, references, credentials. */
class SysVInitLayoutTest {
    @TempDir
    Path tmp;

    private static final String CHAIN = """
              a = createSystemVInitScript { name = "a"; process = "/bin/sleep"; runlevels = [ 3 4 5 ]; };
              b = createSystemVInitScript { name = "b"; process = "/bin/sleep"; runlevels = [ 3 4 5 ];
                dependencies = [ a ]; };
              c = createSystemVInitScript { name = "c"; process = "/bin/sleep"; runlevels = [ 3 4 5 ];
                dependencies = [ a b ]; };
              d = createSystemVInitScript { name = "d"; process = "/bin/sleep"; defaultStart = [ 2 ];
                defaultStop = [ 1 ]; dependencies = [ c ]; };
            """;

    private Path build(SysVInitFixture fx, String attr) throws Exception {
        return fx.buildFile("chain.nix", fx.prelude(tmp.resolve("var").toString(), true) + "rec {\n" + CHAIN + "}\n",
                attr);
    }

    private static List<String> entries(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void sequenceNumbersFollowDependencies() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path a = build(fx, "a");
        Path b = build(fx, "b");
        Path c = build(fx, "c");
        Path d = build(fx, "d");
        for (int level : new int[] {3, 4, 5}) {
            assertEquals(List.of("S00a"), entries(a.resolve("etc/rc.d/rc" + level + ".d")));
            assertEquals(List.of("S01b"), entries(b.resolve("etc/rc.d/rc" + level + ".d")));
            assertEquals(List.of("S02c"), entries(c.resolve("etc/rc.d/rc" + level + ".d")));
        }
        for (int level : new int[] {0, 1, 2, 6}) {
            assertEquals(List.of("K99a"), entries(a.resolve("etc/rc.d/rc" + level + ".d")));
            assertEquals(List.of("K98b"), entries(b.resolve("etc/rc.d/rc" + level + ".d")));
            assertEquals(List.of("K97c"), entries(c.resolve("etc/rc.d/rc" + level + ".d")));
        }
        assertEquals(List.of("init.d", "rc1.d", "rc2.d"), entries(d.resolve("etc/rc.d")));
        assertEquals(List.of("S03d"), entries(d.resolve("etc/rc.d/rc2.d")));
        assertEquals(List.of("K96d"), entries(d.resolve("etc/rc.d/rc1.d")));
        assertEquals(Path.of("../init.d/c"), Files.readSymbolicLink(c.resolve("etc/rc.d/rc3.d/S02c")));
        assertTrue(Files.isExecutable(c.resolve("etc/rc.d/rc3.d/S02c")));
        String script = Files.readString(c.resolve("etc/rc.d/init.d/c"));
        assertTrue(script.contains("# Should-Start:  a b\n"), script);
        assertTrue(script.contains("# Should-Stop:   a b\n"), script);
        assertTrue(Files.exists(c.resolve(".force-disable-user-change")));

        // The dependencies' packages are references of the dependent's.
        SysVInitFixture.Run refs = fx.nix("nix-store", "-q", "--references", c.toString());
        assertEquals(0, refs.status(), refs.err());
        TreeSet<String> r = new TreeSet<>(List.of(refs.out().strip().split("\n")));
        assertTrue(r.contains(a.toString()) && r.contains(b.toString()), r.toString());
        assertTrue(r.stream().anyMatch(p -> p.endsWith("-init-functions")), r.toString());
        assertEquals("1", fx.nix("nix-instantiate", "--eval", "-E",
                "(import " + tmp.resolve("work/chain.nix") + ").b.sequence").out().strip());
    }

    @Test
    void credentialsAreRecorded() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        String expr = fx.prelude(tmp.resolve("var").toString(), false) + """
                createSystemVInitScript {
                  name = "svc";
                  process = "/bin/sleep";
                  user = "svc";
                  credentials = {
                    groups.svc = { gid = 2000; };
                    users.svc = { group = "svc"; description = "The service's user"; homeDir = "/home/svc";
                      createHomeDir = true; };
                  };
                }
                """;
        Path out = fx.buildFile("creds.nix", expr, null);
        Path support = out.resolve("dysnomia-support");
        assertEquals("gid=2000\n", Files.readString(support.resolve("groups/svc")));
        assertEquals("createHomeDir=1\ndescription='The service'\\''s user'\ngroup=svc\nhomeDir=/home/svc\n",
                Files.readString(support.resolve("users/svc")));
        assertFalse(Files.exists(out.resolve(".force-disable-user-change")));

        // Without user changes: no groups, users only for their home directory.
        Path out2 = fx.buildFile("creds2.nix", expr.replace("forceDisableUserChange = false", "forceDisableUserChange = true"),
                null);
        assertFalse(Files.exists(out2.resolve("dysnomia-support/groups")));
        assertEquals("homeDir=/home/svc\ncreateHomeDir=1\ncreateHomeDirOnly=1\n",
                Files.readString(out2.resolve("dysnomia-support/users/svc")));
    }

    @Test
    void profileOfTheSpec() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        String processes = fx.prelude(tmp.resolve("var").toString(), true) + "rec {\n"
                + "  webapp = { pkg = createSystemVInitScript { name = \"webapp\"; process = \"/bin/sleep\";"
                + " processIsDaemon = false; runlevels = [ 3 4 5 ]; }; };\n"
                + "  nginx = { pkg = createSystemVInitScript { name = \"nginx\"; process = \"/bin/sleep\";"
                + " runlevels = [ 3 4 5 ]; dependencies = [ webapp.pkg ]; }; };\n}\n";
        Files.writeString(tmp.resolve("work/processes.nix"), processes);
        Path profile = fx.buildFile("profile.nix", """
                let
                  pkgs = import <nixpkgs> {};
                  buildSystemVInitEnv = import <nixproc/backends/sysvinit/build-sysvinit-env.nix> {
                    inherit (pkgs) buildEnv;
                  };
                in
                buildSystemVInitEnv { processes = import ./processes.nix; }
                """, null);
        assertEquals(List.of("nginx", "webapp"), entries(profile.resolve("etc/rc.d/init.d")));
        assertEquals(List.of("S00webapp", "S01nginx"), entries(profile.resolve("etc/rc.d/rc3.d")));
        assertEquals(List.of("K98nginx", "K99webapp"), entries(profile.resolve("etc/rc.d/rc6.d")));
    }

    @Test
    void upstreamConstructorsShape() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        String state = tmp.resolve("var").toString();
        Path out = fx.buildFile("constructors.nix", """
                let
                  pkgs = import <nixpkgs> {};
                  stateDir = "%s";
                  runtimeDir = "${stateDir}/run";
                  logDir = "${stateDir}/log";
                  tmpDir = "${stateDir}/tmp";
                  forceDisableUserChange = false;
                  ids = { uids.webapp1 = 2001; gids.webapp1 = 2001; };
                  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
                    inherit (pkgs) stdenv writeTextFile lib daemon;
                    inherit runtimeDir logDir tmpDir forceDisableUserChange;
                    createCredentials = import <nixproc/create-credentials> {
                      inherit (pkgs) stdenv lib;
                      inherit ids forceDisableUserChange;
                    };
                    initFunctions = import <nixproc/backends/sysvinit/init-functions.nix> {
                      basePackages = [ pkgs.coreutils pkgs.gnused pkgs.gnugrep ];
                      inherit (pkgs) stdenv fetchurl;
                      inherit runtimeDir;
                    };
                  };
                  webapp = { port, instanceSuffix ? "", instanceName ? "webapp${instanceSuffix}" }:
                    createSystemVInitScript {
                      inherit instanceName;
                      process = "${pkgs.coreutils}/bin/sleep";
                      args = [ "-D" ];
                      environment = { PORT = port; PID_FILE = "${tmpDir}/${instanceName}.pid"; };
                      runlevels = [ 3 4 5 ];
                      user = instanceName;
                      credentials = {
                        groups."${instanceName}" = {};
                        users."${instanceName}" = { group = instanceName; description = "Webapp"; };
                      };
                    };
                in
                webapp { port = 5000; instanceSuffix = "1"; }
                """.formatted(state), null);
        String script = Files.readString(out.resolve("etc/rc.d/init.d/webapp1"));
        // A process daemonizing itself as its user writes its own PID file: in tmpDir; no su, no shell.
        assertTrue(script.contains("start_daemon -p " + state + "/tmp/webapp1.pid -u webapp1 "), script);
        assertFalse(script.contains("su "), script);
        assertTrue(script.contains("/bin/sleep -D"),
                script);
        assertTrue(script.contains("export PORT=5000\n"), script);
        assertEquals("gid=2001\n", Files.readString(out.resolve("dysnomia-support/groups/webapp1")));
        assertEquals("uid=2001\ndescription=Webapp\ngroup=webapp1\n",
                Files.readString(out.resolve("dysnomia-support/users/webapp1")));
        String initFunctions = script.lines().filter(l -> l.startsWith(". ")).findFirst().orElseThrow().substring(2);
        String functions = Files.readString(Path.of(initFunctions));
        assertTrue(functions.contains("NIXPROC_RUNTIME_DIR='" + state + "/run'\n"), functions.substring(0, 300));
    }

    @Test
    void badParametersAreRejected() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        String p = fx.prelude("/tmp/x", true);
        assertTrue(fx.evalError(p + "createSystemVInitScript { process = \"/bin/true\"; }")
                .contains("No process name was specified or can be inferred!"));
        assertTrue(fx.evalError(p + "createSystemVInitScript { name = \"x\"; environment.\"A B\" = \"1\"; }")
                .contains("invalid environment variable name 'A B'"));
        assertTrue(fx.evalError(p + "createSystemVInitScript { name = \"../x\"; }").contains("invalid script name"));
        assertTrue(fx.evalError(p + "createSystemVInitScript { name = \"x\"; bogus = 1; }")
                .contains("unexpected argument 'bogus'"));
    }
}
