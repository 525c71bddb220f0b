package org.nixproc.processmgmt.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;

/**
 * C programs with the stdenv: the host's cc given the build inputs' headers and libraries, an
 * rpath into the store, host libraries; and overriding packages (override, overrideAttrs,
 * makeOverridable, callPackage).
 */
class CProgramsTest {
    private static final String PKGS = "with import <nixpkgs> { }; ";
    /** A library built in the store and a program using it, from sources written by the test. */
    private static final String LIB_AND_PROGRAM = PKGS + """
            let
              greet = stdenv.mkDerivation {
                name = "libgreet";
                src = ./src/lib;
                buildPhase = "cc -shared -fPIC -o libgreet.so greet.c";
                installPhase = "mkdir -p $out/lib $out/include; cp libgreet.so $out/lib; cp greet.h $out/include";
              };
              program = { greeting ? "hello" }: stdenv.mkDerivation {
                name = "greeter";
                src = ./src/prog;
                buildInputs = [ greet ];
                NIX_CFLAGS_COMPILE = "-DGREETING=\\"${greeting}\\"";
                buildPhase = "cc -o greeter main.c -lgreet";
                installPhase = "mkdir -p $out/bin; cp greeter $out/bin";
              };
            in lib.makeOverridable program { }
            """;

    @TempDir
    Path tmp;
    private NixRunner nix;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler (apt-get install gcc)");
        nix = new NixRunner(tmp);
        Path lib = Files.createDirectories(nix.work().resolve("src/lib"));
        Files.writeString(lib.resolve("greet.h"), "const char *greet(void);\n");
        Files.writeString(lib.resolve("greet.c"), "const char *greet(void) { return \"from the library\"; }\n");
        Path prog = Files.createDirectories(nix.work().resolve("src/prog"));
        Files.writeString(prog.resolve("main.c"), "#include <stdio.h>\n#include <greet.h>\n"
                + "#ifndef GREETING\n#define GREETING \"none\"\n#endif\n"
                + "int main(void) { printf(\"%s %s\\n\", GREETING, greet()); return 0; }\n");
    }

    @Test
    void buildInputsGiveHeadersLibrariesAndAnRpath() throws Exception {
        Files.writeString(nix.work().resolve("default.nix"), LIB_AND_PROGRAM);
        Path out = nix.build("import ./default.nix");
        // Runs without LD_LIBRARY_PATH: the library is found through the rpath into the store.
        assertEquals("hello from the library\n", exec(out.resolve("bin/greeter").toString()));

        Path changed = nix.build("(import ./default.nix).override { greeting = \"hi\"; }");
        assertEquals("hi from the library\n", exec(changed.resolve("bin/greeter").toString()));
        Path renamed = nix.build("((import ./default.nix).override { greeting = \"hey\"; })"
                + ".overrideAttrs (prev: { name = prev.name + \"-2\"; })");
        assertTrue(renamed.getFileName().toString().endsWith("-greeter-2"), renamed.toString());
        assertEquals("hey from the library\n", exec(renamed.resolve("bin/greeter").toString()));
    }

    @Test
    void upstreamWebappWithTheHostLibmicrohttpd() throws Exception {
        // The project's root is the parent of this module; upstream's tree is beside it, in shared/.
        Path webapp = Path.of("../../shared/upstream/nix-processmgmt/webapp").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(webapp), "no upstream nix-processmgmt at " + webapp);
        assumeTrue(Files.exists(Path.of("/usr/include/microhttpd.h")), "no libmicrohttpd (apt-get install libmicrohttpd-dev)");
        Path out = nix.build("import " + webapp + "/default.nix");
        assertTrue(Files.isExecutable(out.resolve("bin/webapp")), out.toString());
    }

    @Test
    void missingHostLibraryNamesTheDebianPackage() throws Exception {
        CapturedRun r = nix.run("nix-build", "--no-out-link", "-E", PKGS + "hostLibrary { name = \"libnope\";"
                + " debianPackage = \"libnope-dev\"; headers = [ \"nope-xyz.h\" ]; libraries = [ ]; }");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("error: libnope: header 'nope-xyz.h' (in /usr/include) not found;"
                + " install the Debian package libnope-dev\n"), r.err());
    }

    @Test
    void overrideAttrsAndCallPackage() throws Exception {
        String base = PKGS + "let p = stdenv.mkDerivation { pname = \"p\"; version = \"1\"; buildCommand = \"touch $out\"; }; in ";
        assertEquals("\"p-2\"", nix.eval(base + "(p.overrideAttrs (prev: { version = \"2\"; })).name"));
        assertEquals("\"p-1-x\"", nix.eval(base + "(p.overrideAttrs (final: prev: { version = prev.version + \"-x\"; })).name"));
        assertEquals("7", nix.eval(PKGS + "let f = callPackage ({ a ? 1, b }: { sum = a + b; }) { a = 3; b = 2; }; in"
                + " (f.override (old: { b = old.a + 1; })).sum"));
        assertEquals("\"coreutils\"", nix.eval(PKGS + "(callPackage ({ coreutils }: coreutils) { }).name"));
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
