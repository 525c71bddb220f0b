package org.nixproc.processmgmt.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;

/** Builds with the package set's builders into a temporary store. */
class PackagesBuildTest {
    @TempDir
    static Path tmp;

    static NixRunner nix;

    private static final String PKGS = "with import <nixpkgs> { }; ";

    @BeforeAll
    static void setUp() throws Exception {
        nix = new NixRunner(tmp);
    }

    @Test
    void writeTextFileWithExecutableAndDestination() throws Exception {
        Path out = nix.build(PKGS + "writeTextFile { name = \"hello\"; text = \"#!/bin/sh\\necho hi\\n\";"
                + " executable = true; destination = \"/bin/hello\"; }");
        Path f = out.resolve("bin/hello");
        assertEquals("#!/bin/sh\necho hi\n", Files.readString(f));
        assertTrue(Files.isExecutable(f));
        Path plain = nix.build(PKGS + "writeText \"t\" \"a $HOME b\"");
        assertEquals("a $HOME b", Files.readString(plain));
        assertFalse(Files.isExecutable(plain));
    }

    @Test
    void writeShellScriptRunsAndChecksSyntax() throws Exception {
        Path s = nix.build(PKGS + "writeShellScript \"s\" \"echo from-script\"");
        assertEquals("from-script\n", exec(s.toString()));
        CapturedRun bad = nix.run("nix-build", "--no-out-link", "-E", PKGS + "writeShellScript \"bad\" \"if then\"");
        assertEquals(100, bad.status(), bad.err());
    }

    @Test
    void writersPutTheInterpretersLineBeforeTheScriptAndCheckIt() throws Exception {
        Path bash = nix.build(PKGS + "writers.writeBashBin \"hello\" \"echo \\\"hello $1\\\"\"");
        assertEquals("hello you\n", exec(bash.resolve("bin/hello").toString(), "you"));
        Path python = nix.build(PKGS + "writers.writePython3 \"sum\" { } \"print(sum([1, 2]))\"");
        assertTrue(Files.readString(python).startsWith("#! " + nix.build(PKGS + "python3") + "/bin/python3\n"));
        assertEquals("3\n", exec(python.toString()));
        // Checked without writing anything (py_compile would leave __pycache__ in the output).
        Path pythonBin = nix.build(PKGS + "writers.writePython3Bin \"p\" { } \"print(1)\"");
        try (var entries = Files.list(pythonBin.resolve("bin"))) {
            assertEquals(java.util.List.of(pythonBin.resolve("bin/p")), entries.toList());
        }
        for (String bad : new String[] { "writers.writeBash \"b\" \"if then\"", "writers.writePython3 \"p\" { } \"def (\"" }) {
            CapturedRun r = nix.run("nix-build", "--no-out-link", "-E", PKGS + bad);
            assertEquals(100, r.status(), r.err());
        }
        CapturedRun libraries = nix.run("nix-build", "--no-out-link", "-E",
                PKGS + "writers.writePython3 \"p\" { libraries = [ python3Packages.supervisor ]; } \"\"");
        assertEquals(1, libraries.status());
        assertTrue(libraries.err().contains("writePython3: libraries are not supported"), libraries.err());
    }

    @Test
    void runCommandSeesItsEnvironment() throws Exception {
        Path out = nix.build(PKGS + "runCommand \"rc\" { foo = \"bar\"; } \"mkdir $out; echo $foo > $out/foo\"");
        assertEquals("bar\n", Files.readString(out.resolve("foo")));
    }

    @Test
    void mkDerivationWithBuildCommand() throws Exception {
        Path out = nix.build(PKGS + "stdenv.mkDerivation { name = \"bc\"; buildCommand = \"echo built > $out\"; }");
        assertEquals("built\n", Files.readString(out));
        assertTrue(out.getFileName().toString().endsWith("-bc"));
    }

    @Test
    void mkDerivationRunsPhasesOnASource() throws Exception {
        Path src = nix.work().resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Makefile"), "all:\n\techo $(GREETING) > made\ninstall:\n\tmkdir -p $(out)/share\n"
                + "\tcp made $(out)/share/\n");
        Files.writeString(src.resolve("data"), "old\n");
        Files.writeString(nix.work().resolve("fix.patch"),
                "--- a/data\n+++ b/data\n@@ -1 +1 @@\n-old\n+new\n");
        Path out = nix.build(PKGS + "stdenv.mkDerivation { pname = \"ph\"; version = \"1.0\"; src = ./src;"
                + " patches = [ ./fix.patch ]; GREETING = \"hello\"; preBuild = \"echo pre > pre\";"
                + " postInstall = \"cp data pre $out/share/\"; passthru.extra = 1; }");
        assertTrue(out.getFileName().toString().endsWith("-ph-1.0"), out.toString());
        assertEquals("hello\n", Files.readString(out.resolve("share/made")));
        assertEquals("new\n", Files.readString(out.resolve("share/data")));
        assertEquals("pre\n", Files.readString(out.resolve("share/pre")));
        assertEquals("1", nix.eval(PKGS + "(stdenv.mkDerivation { name = \"p\"; passthru.extra = 1; }).extra"));

        Path tb = nix.work().resolve("tb/proj-1.0");
        Files.createDirectories(tb);
        Files.writeString(tb.resolve("file"), "in tarball\n");
        exec("tar", "czf", nix.work().resolve("proj-1.0.tar.gz").toString(), "-C", tb.getParent().toString(), "proj-1.0");
        Path fromTar = nix.build(PKGS + "stdenv.mkDerivation { name = \"tb\"; src = ./proj-1.0.tar.gz;"
                + " installPhase = \"mkdir $out; cp file $out/; basename $PWD > $out/dir\"; }");
        assertEquals("in tarball\n", Files.readString(fromTar.resolve("file")));
        assertEquals("proj-1.0\n", Files.readString(fromTar.resolve("dir")));

        Path custom = nix.build(PKGS + "stdenv.mkDerivation { name = \"custom\"; phases = [ \"installPhase\" ];"
                + " installPhase = \"mkdir $out; ls --version > $out/v; echo $PATH > $out/path\"; }");
        assertTrue(Files.readString(custom.resolve("v")).contains("coreutils"));
        assertTrue(Files.readString(custom.resolve("path")).contains("-coreutils/bin"));
    }

    @Test
    void buildEnvAndSymlinkJoin() throws Exception {
        String two = "let a = runCommand \"a\" { } \"mkdir -p $out/bin $out/share/a; echo a > $out/bin/a\";"
                + " b = runCommand \"b\" { } \"mkdir -p $out/bin $out/etc; echo b > $out/bin/b\"; in ";
        Path env = nix.build(PKGS + two + "buildEnv { name = \"env\"; paths = [ a b a ]; }");
        assertTrue(Files.isDirectory(env.resolve("bin")) && !Files.isSymbolicLink(env.resolve("bin")));
        assertTrue(Files.isSymbolicLink(env.resolve("bin/a")) && Files.isSymbolicLink(env.resolve("bin/b")));
        assertTrue(Files.isSymbolicLink(env.resolve("share")), "a directory only one path has is linked whole");
        assertEquals("b\n", Files.readString(env.resolve("bin/b")));

        Path binOnly = nix.build(PKGS + two + "buildEnv { name = \"env2\"; paths = [ a b ]; pathsToLink = [ \"/bin\" ];"
                + " postBuild = \"echo post > $out/post\"; }");
        assertFalse(Files.exists(binOnly.resolve("share")));
        assertEquals("post\n", Files.readString(binOnly.resolve("post")));

        String clash = "let a = writeTextDir \"bin/x\" \"1\"; b = writeTextDir \"bin/x\" \"2\"; in ";
        CapturedRun r = nix.run("nix-build", "--no-out-link", "-E",
                PKGS + clash + "buildEnv { name = \"clash\"; paths = [ a b ]; }");
        assertEquals(100, r.status());
        assertTrue(r.err().contains("collision between"), r.err());
        Path ignored = nix.build(PKGS + clash + "buildEnv { name = \"ign\"; paths = [ a b ]; ignoreCollisions = true; }");
        assertEquals("1", Files.readString(ignored.resolve("bin/x")));

        Path join = nix.build(PKGS + two + "symlinkJoin { name = \"join\"; paths = [ a b ]; }");
        assertFalse(Files.isSymbolicLink(join.resolve("share")), "symlinkJoin makes real directories");
        assertTrue(Files.isSymbolicLink(join.resolve("bin/a")));
        assertEquals("a\n", Files.readString(join.resolve("bin/a")));
    }

    @Test
    void hostPackageLinksTheHostsExecutables() throws Exception {
        Path cu = nix.build(PKGS + "coreutils");
        Path ls = cu.resolve("bin/ls");
        assertTrue(Files.isSymbolicLink(ls));
        assertTrue(Files.readSymbolicLink(ls).isAbsolute());
        assertEquals("/\n", exec(ls.toString(), "-d", "/"));
        // The resolved paths are in the derivation, hence in the hash.
        String links = nix.eval(PKGS + "coreutils.drvAttrs.links");
        assertTrue(links.contains("bin/ls /"), links);
        if (Files.isExecutable(Path.of("/usr/sbin/chroot"))) {
            // An executable apt puts in an sbin directory is in both bin/ and sbin/.
            assertEquals(Path.of("/usr/sbin/chroot"), Files.readSymbolicLink(cu.resolve("sbin/chroot")));
            assertEquals(Path.of("/usr/sbin/chroot"), Files.readSymbolicLink(cu.resolve("bin/chroot")));
        }
        assertEquals("\"coreutils\"", nix.eval(PKGS + "callPackage ({ coreutils, x ? 1 }: coreutils.name) { }"));
    }

    /**
     * An executable a process runs, installed by another Debian package than the rest (openssh's
     * sshd, from openssh-server), fails the build naming that package, not the process's start.
     */
    @Test
    void requiredExecutableOfAnotherDebianPackage() throws Exception {
        String pkg = "hostPackage { name = \"tools\"; debianPackage = \"coreutils\"; required = [ \"ls\""
                + " { exe = \"no-such-daemon-xyz\"; debianPackage = \"xyz-server\"; } ]; }";
        CapturedRun r = nix.run("nix-build", "--no-out-link", "-E", PKGS + pkg);
        assertNotEquals(0, r.status());
        assertTrue(r.err().startsWith("error: tools: executable 'no-such-daemon-xyz' not found in /usr/sbin, /usr/bin,"
                + " /sbin, /bin or PATH; install the Debian package xyz-server\n"), r.err());
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            assertTrue(nix.eval(PKGS + "openssh.outPath").contains("install the Debian package openssh-server"));
        }
    }

    @Test
    void missingHostPackageFailsOnlyWhenUsed() throws Exception {
        String missing = "hostPackage { name = \"nopkg\"; debianPackage = \"no-deb\"; required = [ \"no-such-exe-xyz\" ]; }";
        assertEquals("\"nopkg\"", nix.eval(PKGS + "(" + missing + ").name"));
        assertEquals("false", nix.eval(PKGS + "(builtins.tryEval (" + missing + ").outPath).success"));
        CapturedRun r = nix.run("nix-build", "--no-out-link", "-E", PKGS + missing);
        assertNotEquals(0, r.status());
        assertTrue(r.err().startsWith("error: nopkg: executable 'no-such-exe-xyz' not found in /usr/sbin, /usr/bin,"
                + " /sbin, /bin or PATH; install the Debian package no-deb\n"), r.err());
        // Every attribute name of the set evaluates, whatever is installed.
        assertTrue(nix.eval("builtins.length (builtins.attrNames (import <nixpkgs> { }))").matches("[0-9]+"));
        assertEquals("\"x86_64-linux\"", nix.eval("(import <nixpkgs> { system = \"x86_64-linux\"; }).stdenv.system"));
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
