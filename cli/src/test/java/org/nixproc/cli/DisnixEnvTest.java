package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;

/**
 * disnix-env from the models to the generations, its targets reached through a client interface
 * that records the activities and answers as a target whose store has every path: deployments,
 * a failed one leaving the generation alone, --rollback, --switch-to-generation,
 * --list-generations, --undeploy and a locked target.
 */
class DisnixEnvTest {
    @TempDir
    Path tmp;
    Path log;
    Map<String, String> env;

    private static final String SERVICES = """
            { pkgs, system, distribution, invDistribution }:
            rec {
              db = { name = "db"; type = "package"; pkg = pkgs.writeText "db" "db"; };
              app = { name = "app"; type = "package"; dependsOn = { inherit db; };
                      pkg = deps: pkgs.writeText "app" "app using db on ${deps.db.target.properties.hostname}"; };
              broken = { name = "broken"; type = "package"; pkg = pkgs.writeText "broken" "cannot start"; };
            }
            """;

    @BeforeEach
    void setUp() throws Exception {
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, Path.of("nix").toAbsolutePath().toString());
        }
        log = tmp.resolve("calls");
        Path client = tmp.resolve("client");
        // CLIENT ADDRESS 'NIX_STORE_DIR=... disnix-run-activity ACTIVITY ARGS': records "ADDRESS ACTIVITY ARGS".
        Files.writeString(client, "#!/bin/sh\n"
                + "addr=$1; set -- $2; shift 2\n"
                + "echo \"$addr $*\" >> " + log + "\n"
                + "case \"$1\" in\n"
                + "  print-invalid) cat > /dev/null ;;\n"
                + "  activate) case \"$3\" in *-broken) echo 'broken: cannot start' >&2; exit 1 ;; esac ;;\n"
                + "  lock) if [ -e " + tmp.resolve("locked-") + "$addr ]; then\n"
                + "          echo 'error: the target is locked by another deployment (x)' >&2; exit 1; fi ;;\n"
                + "esac\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(),
                "DISNIX_CLIENT_INTERFACE", client.toString(), "HOME", tmp.toString(), "PATH", "/usr/bin:/bin");
        Files.writeString(tmp.resolve("services.nix"), SERVICES);
        Files.writeString(tmp.resolve("infrastructure.nix"), "{ a.properties.hostname = \"host-a\"; b.properties.hostname = \"host-b\"; }");
        Files.writeString(tmp.resolve("apart.nix"), "{ infrastructure }: { db = [ infrastructure.a ]; app = [ infrastructure.b ]; }");
        Files.writeString(tmp.resolve("together.nix"), "{ infrastructure }: { db = [ infrastructure.b ]; app = [ infrastructure.b ]; }");
        Files.writeString(tmp.resolve("failing.nix"),
                "{ infrastructure }: { db = [ infrastructure.b ]; app = [ infrastructure.b ]; broken = [ infrastructure.a ]; }");
    }

    record Result(int status, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        Files.deleteIfExists(log);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DisnixEnv.run(args, new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env,
                Bytes.fromJava(tmp.toString())));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result deploy(String distribution) throws Exception {
        return run("-s", "services.nix", "-i", "infrastructure.nix", "-d", distribution);
    }

    // The activations and deactivations made, as "ADDRESS ACTIVITY NAME".
    private List<String> activities() throws Exception {
        return Files.readAllLines(log).stream().map(l -> l.split(" "))
                .filter(w -> w[1].equals("activate") || w[1].equals("deactivate"))
                .map(w -> w[0] + " " + w[1] + " " + w[3].substring(w[3].lastIndexOf('-') + 1)).toList();
    }

    private String current() throws Exception {
        return run("--list-generations").out().lines().filter(l -> l.endsWith("(current)"))
                .map(l -> l.strip().split(" ")[0]).findFirst().orElse("none");
    }

    @Test
    void generationsRollbackAndUndeploy() throws Exception {
        Result r = deploy("apart.nix");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("host-a activate db", "host-b activate app"), activities());
        assertTrue(r.err().contains("deployment finished (generation 1): 0 store paths copied, 0 services deactivated, 2 activated"), r.err());
        assertTrue(Files.readAllLines(log).containsAll(List.of("host-a lock disnix-env:" + hostOwner(), "host-b unlock disnix-env:" + hostOwner())));

        assertEquals(0, deploy("apart.nix").status());
        assertEquals(List.of(), activities());
        assertEquals("1", current());

        r = deploy("together.nix");
        assertEquals(0, r.status(), r.err());
        // app's package names db's host, so it changes with it.
        assertEquals(List.of("host-b deactivate app", "host-a deactivate db", "host-b activate db", "host-b activate app"), activities());
        assertEquals("2", current());

        r = run("--rollback");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("host-b deactivate app", "host-b deactivate db", "host-a activate db", "host-b activate app"), activities());
        assertEquals("1", current());
        assertEquals(0, run("--switch-to-generation", "2").status());
        assertEquals("2", current());

        r = run("--undeploy");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("host-b deactivate app", "host-b deactivate db"), activities());
        assertEquals("3", current());
        assertEquals(3, run("--list-generations").out().lines().count());
        assertEquals(1, run("--switch-to-generation", "7").status());
    }

    private static String hostOwner() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + ":" + ProcessHandle.current().pid();
    }

    @Test
    void aFailedDeploymentKeepsTheGeneration() throws Exception {
        assertEquals(0, deploy("apart.nix").status());
        Result r = deploy("failing.nix");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("error: the deployment failed: activating service 'broken' on target 'a' failed;"
                + " the previous configuration was restored"), r.err());
        assertEquals(List.of("host-b deactivate app", "host-a deactivate db",
                "host-b activate db", "host-b activate app", "host-a activate broken",
                // rolled back
                "host-a deactivate broken", "host-b deactivate app", "host-b deactivate db",
                "host-a activate db", "host-b activate app"), activities());
        assertEquals("1", current());
    }

    @Test
    void aLockedTargetStopsTheDeploymentBeforeAnyActivation() throws Exception {
        Files.writeString(tmp.resolve("locked-host-b"), "");
        Result r = deploy("apart.nix");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("error: cannot lock target 'b': the target is locked by another deployment (x)"), r.err());
        assertEquals(List.of(), activities());
        assertTrue(Files.readAllLines(log).contains("host-a unlock disnix-env:" + hostOwner()));
        assertEquals("none", current());
    }
}
