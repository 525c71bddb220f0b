package org.nixproc.processmgmt.disnix;

import org.nixproc.processmgmt.ExpressionBuild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.eval.EvalOptions;

/**
 * The three models evaluated into a manifest (Disnix's semantics): the spec's example, the
 * verbose distribution form, inter-dependency arguments (target, targets, pkgs.SYSTEM), the
 * ordering edges, and the errors a wrong model gets.
 */
class ModelsTest {
    @TempDir
    static Path tmp;
    static Map<String, String> env;

    @BeforeAll
    static void setUp() {
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, Path.of("nix").toAbsolutePath().toString());
        }
        env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(),
                "HOME", tmp.toString(), "PATH", "/usr/bin:/bin");
    }

    private static Path example(String file) {
        return Path.of(System.getProperty("nixproc.root", "..")).resolve("nix-examples/disnix").resolve(file);
    }

    private static Manifest build(Path services, Path infrastructure, Path distribution) throws Exception {
        return Manifest.read(ManifestBuild.build(env, tmp, services, infrastructure, distribution, null, false));
    }

    private static Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    // A service whose package is a text file naming what its inter-dependencies say.
    private static final String SERVICES = """
            { pkgs, system, distribution, invDistribution }:
            rec {
              db = { name = "db"; port = 5432; type = "package";
                     pkg = pkgs.writeText "db" "db on ${toString (builtins.length invDistribution.b.services)}"; };
              cache = { name = "cache"; type = "package"; pkg = pkgs.writeText "cache" "cache"; };
              app = { name = "app"; type = "wrapper";
                      dependsOn = { inherit db; };
                      connectsTo = { inherit cache; };
                      activatesAfter = { inherit cache; };
                      pkg = deps: pkgs.writeText "app" (deps.db.target.properties.hostname + ":" + toString deps.db.port
                        + " " + toString (map (t: t.properties.hostname) deps.db.targets)
                        + " " + deps.cache.target.properties.hostname
                        + " " + builtins.substring 0 1 (builtins.baseNameOf deps.db.pkgs.${system}.outPath));
                    };
            }
            """;

    private static final String INFRASTRUCTURE = """
            { a.properties.hostname = "host-a"; b = { properties.hostname = "host-b"; containers.c1 = { }; }; }
            """;

    @Test
    void specExample() throws Exception {
        Manifest m = build(example("services.nix"), example("infrastructure.nix"), example("distribution.nix"));
        assertEquals(List.of("test1", "test2"), List.copyOf(m.targets().keySet()));
        assertEquals("test1", m.targets().get("test1").address());
        assertEquals(List.of("nginxReverseProxy", "webapp"), m.mappings().stream().map(Manifest.Mapping::service).toList());
        assertEquals("test2", m.mappings().get(0).target());
        assertEquals("sysvinit-script", m.mappings().get(0).container());
        assertEquals(List.of(new Manifest.Edge("dependsOn", "nginxReverseProxy", "webapp")), m.edges());
        Path nginx = Path.of(m.mappings().get(0).pkg());
        assertTrue(Files.isDirectory(nginx.resolve("etc/rc.d/rc3.d")));
        String conf = nginxConf(m);
        assertTrue(conf.contains("server test1:5000;"), conf);
        assertTrue(conf.contains("server_name webapp.local;"), conf);
        assertEquals(List.of("nginxReverseProxy\tsysvinit-script\tsysvinit-script\t" + nginx),
                Files.readAllLines(Path.of(m.targets().get("test2").profile())));
        assertEquals(m.text(), Files.readString(m.path()));
    }

    // The configuration file the proxy's init script names.
    private static String nginxConf(Manifest m) throws Exception {
        Path nginx = Path.of(m.mappings().stream().filter(x -> x.service().equals("nginxReverseProxy")).findFirst().orElseThrow().pkg());
        return Files.readString(Path.of(Files.readAllLines(nginx.resolve("etc/rc.d/init.d/nginx")).stream()
                .flatMap(l -> java.util.Arrays.stream(l.split("[ '\"]"))).filter(w -> w.endsWith("-nginx.conf")).findFirst()
                .orElseThrow()));
    }

    @Test
    void extraParamsReachTheServicesModel() throws Exception {
        Manifest m = Manifest.read(ManifestBuild.build(env, tmp, example("services.nix"), example("infrastructure.nix"),
                example("distribution.nix"), "{ webappPort = 5002; stateDir = \"/srv\"; }", false));
        String conf = nginxConf(m);
        assertTrue(conf.contains("server test1:5002;"), conf);
        assertTrue(conf.contains("error_log /srv/nginx/logs/error.log;"), conf);
    }

    @Test
    void interDependencyArgumentsAndVerboseDistribution() throws Exception {
        Manifest m = build(write("s.nix", SERVICES), write("i.nix", INFRASTRUCTURE), write("d.nix", """
                { infrastructure }: {
                  db = { targets = [ { target = infrastructure.b; container = "c1"; } infrastructure.a ]; };
                  cache = [ infrastructure.a ];
                  app = [ infrastructure.a ];
                }
                """));
        Manifest.Mapping app = m.mappings().stream().filter(x -> x.service().equals("app")).findFirst().orElseThrow();
        String db = m.mappings().stream().filter(x -> x.service().equals("db")).findFirst().orElseThrow().pkg();
        assertEquals("host-b:5432 host-b host-a host-a " + Path.of(db).getFileName().toString().charAt(0),
                Files.readString(Path.of(app.pkg())));
        assertEquals("db on 1", Files.readString(Path.of(db)));
        assertEquals(List.of("b/c1", "a/package"), m.mappings().stream().filter(x -> x.service().equals("db"))
                .map(x -> x.target() + "/" + x.container()).toList());
        assertEquals(List.of("db", "cache"), m.orderingDependencies("app"));
        assertTrue(m.edges().contains(new Manifest.Edge("connectsTo", "app", "cache")));
    }

    private static String error(String services, String distribution) throws Exception {
        ExpressionBuild.Failure f = assertThrows(ExpressionBuild.Failure.class, () -> ManifestBuild.build(env, tmp,
                write("s.nix", services), write("i.nix", INFRASTRUCTURE), write("d.nix", distribution), null, false));
        return f.getMessage();
    }

    @Test
    void aServiceMustBeNamedAsItsAttribute() throws Exception {
        String msg = error("{ pkgs, ... }: { web = { name = \"www\"; type = \"package\"; pkg = pkgs.writeText \"w\" \"w\"; }; }",
                "{ infrastructure }: { web = [ infrastructure.a ]; }");
        assertTrue(msg.contains("error: service 'web' is named 'www': a service's name must equal its attribute name"), msg);
    }

    @Test
    void supervisordProgramsAndSystemdUnitsAreServiceTypes() throws Exception {
        Manifest m = build(write("s.nix", """
                { pkgs, ... }: {
                  sup = { name = "sup"; type = "supervisord-program"; pkg = pkgs.writeText "sup" "sup"; };
                  unit = { name = "unit"; type = "systemd-unit"; pkg = pkgs.writeText "unit" "unit"; };
                }
                """), write("i.nix", INFRASTRUCTURE), write("d.nix", "{ infrastructure }: { sup = [ infrastructure.a ]; unit = [ infrastructure.b ]; }"));
        assertEquals(List.of("sup a supervisord-program supervisord-program", "unit b systemd-unit systemd-unit"),
                m.mappings().stream().map(x -> x.service() + " " + x.target() + " " + x.container() + " " + x.type()).toList());
    }

    @Test
    void unsupportedTypesAndUnknownNamesAreErrors() throws Exception {
        String msg = error("{ pkgs, ... }: { web = { name = \"web\"; type = \"tomcat-webapplication\"; pkg = pkgs.writeText \"w\" \"w\"; }; }",
                "{ infrastructure }: { web = [ infrastructure.a ]; }");
        assertTrue(msg.contains("service 'web' has type 'tomcat-webapplication', which is not supported"), msg);
        msg = error(SERVICES, "{ infrastructure }: { nothing = [ infrastructure.a ]; }");
        assertTrue(msg.contains("the distribution model names service 'nothing', which the services model does not define"), msg);
        msg = error(SERVICES, "{ infrastructure }: { app = [ infrastructure.a ]; }");
        assertTrue(msg.contains("service 'db' is an inter-dependency but is not distributed to any target"), msg);
        Path optionLike = write("i2.nix", "{ a.properties.hostname = \"-oProxyCommand=x\"; }");
        msg = assertThrows(ExpressionBuild.Failure.class, () -> ManifestBuild.build(env, tmp, write("s.nix", SERVICES), optionLike,
                write("d.nix", "{ infrastructure }: { db = [ infrastructure.a ]; }"), null, false)).getMessage();
        assertTrue(msg.contains("the address of target 'a' ('-oProxyCommand=x') is empty, has blanks or starts with '-'"), msg);
        msg = error(SERVICES, "{ infrastructure }: { db = [ { properties.hostname = \"elsewhere\"; } ]; }");
        assertTrue(msg.contains("the distribution of service 'db' names a target that is not in the infrastructure model"), msg);
    }
}
