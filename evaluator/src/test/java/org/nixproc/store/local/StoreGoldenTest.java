package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.Derivation;

/**
 * Paths, bytes, NAR hashes and sizes of what the store writes, compared with what Nix 2.8 wrote
 * for the same store directory string (the store directory is hashed into every path, so these
 * golden values hold for {@value #STORE} only; the directory is created and removed here).
 */
class StoreGoldenTest {
    static final String STORE = "/tmp/nixproc-lsgolden";

    static final String DEP_DRV = "Derive([(\"out\",\"/tmp/nixproc-lsgolden/yvzcv1443df5y212n6d44sai7nwycaiy-dep\",\"\",\"\")],"
            + "[],[],\"x86_64-linux\",\"/bin/sh\",[\"-c\",\"echo hi > $out\"],[(\"builder\",\"/bin/sh\"),(\"name\",\"dep\"),"
            + "(\"out\",\"/tmp/nixproc-lsgolden/yvzcv1443df5y212n6d44sai7nwycaiy-dep\"),(\"system\",\"x86_64-linux\")])";
    static final String A_DRV = "Derive([(\"out\",\"/tmp/nixproc-lsgolden/7x3da421mcflpgw7zjz9qxqs3vkqh6lf-a\",\"\",\"\")],"
            + "[(\"/tmp/nixproc-lsgolden/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv\",[\"out\"])],"
            + "[\"/tmp/nixproc-lsgolden/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt\"],\"x86_64-linux\",\"/bin/sh\","
            + "[\"-c\",\"cat /tmp/nixproc-lsgolden/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt "
            + "/tmp/nixproc-lsgolden/yvzcv1443df5y212n6d44sai7nwycaiy-dep > $out\"],[(\"builder\",\"/bin/sh\"),"
            + "(\"name\",\"a\"),(\"out\",\"/tmp/nixproc-lsgolden/7x3da421mcflpgw7zjz9qxqs3vkqh6lf-a\"),"
            + "(\"system\",\"x86_64-linux\")])";

    @TempDir
    Path state;
    @TempDir
    Path src;
    LocalStore store;

    @BeforeEach
    void open() {
        StoreFiles.deleteTree(Path.of(STORE));
        store = LocalStore.open(new StoreConfig(STORE, state));
    }

    @AfterEach
    void clean() {
        store.close();
        StoreFiles.deleteTree(Path.of(STORE));
    }

    private void check(String path, String narHash, long narSize) {
        assertTrue(store.isValid(path), path);
        ValidPathInfo info = store.queryPathInfo(path).orElseThrow();
        assertEquals(narHash, info.narHash());
        assertEquals(narSize, info.narSize());
        assertEquals(info.narHash(), store.pathInfoOf(path, Set.of(), null).narHash());
    }

    @Test
    void textAndDerivations() throws IOException {
        String hello = store.addTextToStore("hello.txt", "hello world\n", Set.of());
        assertEquals(STORE + "/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt", hello);
        check(hello, "sha256:00zns3gj9hwz2a4b0i07y7nmxybq59lh24bl3xsxblcl6333mjil", 128);
        assertEquals("hello world\n", Files.readString(Path.of(hello)));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(hello))));
        assertEquals(1000, Files.getLastModifiedTime(Path.of(hello)).toMillis());

        String dep = store.writeDerivation(Derivation.parse(DEP_DRV), "dep");
        assertEquals(STORE + "/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv", dep);
        check(dep, "sha256:1qs3lyifnisyi2icnvwxvbmmcwmj1yf25vk1zwhkmifp7jj1zv5v", 392);

        String a = store.writeDerivation(Derivation.parse(A_DRV), "a");
        assertEquals(STORE + "/wwxakb6w18f8b0q7ida8ids36ywl8fl0-a.drv", a);
        assertArrayEquals(A_DRV.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of(a)));
        check(a, "sha256:18yb9day4nx7gd2p6dy5a32r0maz68xc07b6wm0sigd3qy457gpc", 640);
        assertEquals(Set.of(hello, dep), store.queryReferences(a));
        assertEquals(Set.of(a), store.queryReferrers(dep));
        assertEquals(Derivation.parse(A_DRV), store.readDerivation(a));
        // Adding again is a no-op giving the same path.
        assertEquals(a, store.writeDerivation(Derivation.parse(A_DRV), "a"));
    }

    private Path sourceTree() throws IOException {
        Path tree = src.resolve("srctree");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("file"), "data\n");
        Path run = tree.resolve("sub/run");
        Files.writeString(run, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(tree.resolve("link"), Path.of("file"));
        return tree;
    }

    @Test
    void sourcePaths() throws IOException {
        Path tree = sourceTree();
        String p = store.addPathToStore("srctree", tree, true, null);
        assertEquals(STORE + "/fxl11lpc9700s5zxmsc8a26ym12yf94f-srctree", p);
        check(p, "sha256:0qrsxz21s1qsrc2vi982yqijps4ykzczyxn7dh9ckc0bcav2sd9c", 888);
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(p, "sub/run"))));
        assertEquals(Path.of("file"), Files.readSymbolicLink(Path.of(p, "link")));

        String f = store.addPathToStore("file", tree.resolve("file"), true, null);
        assertEquals(STORE + "/83c74w9hy6x1ghspwz6m3lcg376f6hx9-file", f);
        check(f, "sha256:0mj5rgx8nmg09nzjm15b65a0cysk47xwrd4r4f96zy306bn7f8j4", store.queryPathInfo(f).get().narSize());

        String filtered = store.addPathToStore("filtered", tree, true,
                (entry, type) -> !entry.getFileName().toString().equals("sub"));
        assertEquals(STORE + "/2rrnx1i439az82yiw60b6c2as64mqfw7-filtered", filtered);
        assertTrue(Files.notExists(Path.of(filtered, "sub")));

        String flat = store.addPathToStore("flat", tree.resolve("sub/run"), false, null);
        assertEquals(STORE + "/iha43sylqybf117zj32hwpak2yg4ak61-flat", flat);
        String run = store.addPathToStore("run", tree.resolve("sub/run"), false, null);
        assertEquals(STORE + "/3m7g7s0575fhh32a7i4mzz1h08jnis21-run", run);
        check(run, "sha256:183p8jhjfcpk6kac6hxwp4gzp9brkvkibylz27jfbvgd5kqcq2jy", store.queryPathInfo(run).get().narSize());
    }

    /** Runs nix-instantiate in-process on this test's store; gives stdout, failing on a non-zero exit. */
    private String instantiate(String... argv) throws Exception {
        store.close();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("NIX_STORE_DIR", STORE);
        env.put("NIXPROC_STORE_STATE_DIR", state.toString());
        org.nixproc.cli.Invocation inv = new org.nixproc.cli.Invocation(
                new java.io.PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new java.io.PrintStream(err, true, StandardCharsets.ISO_8859_1),
                java.io.InputStream.nullInputStream(), env, src.toString());
        int rc = org.nixproc.cli.Main.runWithLargeStack("nix-instantiate", argv, inv);
        store = LocalStore.open(new StoreConfig(STORE, state));
        assertEquals(0, rc, err.toString());
        assertTrue(err.toString().contains("warning: you did not specify '--add-root'"));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static final String DEP = "derivation { name = \"dep\"; system = \"x86_64-linux\"; builder = \"/bin/sh\"; args = [\"-c\" \"echo hi > $out\"]; }";

    @Test
    void drvPathContextTakesTheClosure() throws Exception {
        String c = STORE + "/rwfmnykdpb5rlf3wq1g76dvhdxljyz51-c.drv";
        assertEquals(c + "\n", instantiate("-E", "let dep = " + DEP + "; in derivation { name = \"c\"; system = \"x86_64-linux\";"
                + " builder = \"/bin/sh\"; d = dep.drvPath; src = builtins.toFile \"hello.txt\" \"hello world\\n\"; }"));
        assertEquals("Derive([(\"out\",\"/tmp/nixproc-lsgolden/by943a02das899s8qlqb7nbzh4c89ca3-c\",\"\",\"\")],"
                + "[(\"/tmp/nixproc-lsgolden/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv\",[\"out\"])],"
                + "[\"/tmp/nixproc-lsgolden/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt\",\"/tmp/nixproc-lsgolden/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv\"],"
                + "\"x86_64-linux\",\"/bin/sh\",[],[(\"builder\",\"/bin/sh\"),(\"d\",\"/tmp/nixproc-lsgolden/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv\"),"
                + "(\"name\",\"c\"),(\"out\",\"/tmp/nixproc-lsgolden/by943a02das899s8qlqb7nbzh4c89ca3-c\"),"
                + "(\"src\",\"/tmp/nixproc-lsgolden/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt\"),(\"system\",\"x86_64-linux\")])",
                Files.readString(Path.of(c)));
    }

    @Test
    void nixInstantiateWritesDerivations() throws Exception {
        String expr = "let src = builtins.toFile \"hello.txt\" \"hello world\\n\"; dep = " + DEP + ";"
                + " in { a = derivation { name = \"a\"; system = \"x86_64-linux\"; builder = \"/bin/sh\";"
                + " args = [\"-c\" \"cat ${src} ${dep} > $out\"]; }; b = dep; c = \"x\"; }";
        assertEquals(STORE + "/wwxakb6w18f8b0q7ida8ids36ywl8fl0-a.drv\n" + STORE + "/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv\n",
                instantiate("-E", expr));
        String a = STORE + "/wwxakb6w18f8b0q7ida8ids36ywl8fl0-a.drv";
        assertArrayEquals(A_DRV.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(Path.of(a)));
        assertEquals(Set.of(a, STORE + "/wbfd59l5bs3jh1xza502s0qygfmj88zl-dep.drv",
                STORE + "/gxyvag4khhibggssmcn2sjs26jxyq7hp-hello.txt"), store.queryRequisites(Set.of(a)));
    }
}
