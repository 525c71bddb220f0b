package org.nixproc.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

class NarTest {

    @TempDir
    Path tmp;

    private static void file(Path path, String contents, String perms) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, contents, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    }

    /**
     * The tree the golden values were computed from, built in the shell as:
     * mkdir -p tree/sub/deeper tree/emptydir; printf 'hello\n' > tree/a.txt; : > tree/empty;
     * printf '#!/bin/sh\n' > tree/exec.sh; chmod 755 tree/exec.sh; ln -s a.txt tree/link;
     * ln -s /nonexistent/target tree/dangling; for n in B b a-b a.b A; do printf "$n" > tree/sub/$n; done;
     * printf 'x%.0s' $(seq 100) > tree/sub/deeper/x
     */
    private Path makeTree() throws IOException {
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("sub/deeper"));
        Files.createDirectories(tree.resolve("emptydir"));
        file(tree.resolve("a.txt"), "hello\n", "rw-r--r--");
        file(tree.resolve("empty"), "", "rw-r--r--");
        file(tree.resolve("exec.sh"), "#!/bin/sh\n", "rwxr-xr-x");
        Files.createSymbolicLink(tree.resolve("link"), Path.of("a.txt"));
        Files.createSymbolicLink(tree.resolve("dangling"), Path.of("/nonexistent/target"));
        for (String n : List.of("B", "b", "a-b", "a.b", "A")) {
            // Group/other execute bits are not recorded; only the owner's.
            file(tree.resolve("sub").resolve(n), n, "rw-r-xr-x");
        }
        file(tree.resolve("sub/deeper/x"), "x".repeat(100), "rw-r--r--");
        return tree;
    }

    // nix-store --dump tree | sha256sum; nix-hash --type sha256 --base32 tree;
    // nix-store --dump tree | wc -c
    @Test
    void hashesATreeLikeNix() throws IOException {
        Path tree = makeTree();
        Hash h = Nar.narHash(tree);
        assertEquals("4ba48112cd52ea41a83b313024aea58279af44b3e192e59bd4fbdffdf8f671e9", h.toBase16());
        assertEquals("1sbiyvwgvpzvsjdyb4p1nd2ayyc2lnp28c1i7fl43sjjrl98392b", h.toBase32());
        byte[] nar = Nar.toBytes(tree);
        assertEquals(2856, nar.length);
        assertEquals(h, Hash.of(HashAlgorithm.SHA256, nar));
        // builtins.path { path = tree; name = "tree"; } in both store dirs.
        assertEquals("/nix/store/1fq4airbm4p52lx1ddkd5h8b6n7nwwxg-tree",
                StorePath.makeFixedOutputPath(true, h, "tree", StorePath.DEFAULT_STORE_DIR));
        assertEquals("/tmp/foo/store/nh1hfgj3pqp4xcgki1bdy6adfy20mxmb-tree",
                StorePath.makeFixedOutputPath(true, h, "tree", "/tmp/foo/store"));
    }

    // nix-store --dump tree/a.txt | base64; ... tree/emptydir | base64;
    // nix-store --dump tree/exec.sh | sha256sum; nix-store --dump tree/link | sha256sum
    @Test
    void singleNodesByteForByte() throws IOException {
        Path tree = makeTree();
        assertArrayEquals(Base64.getDecoder().decode("DQAAAAAAAABuaXgtYXJjaGl2ZS0xAAAAAQAAAAAAAAAoAAAAAAAAAAQAAA"
                + "AAAAAAdHlwZQAAAAAHAAAAAAAAAHJlZ3VsYXIACAAAAAAAAABjb250ZW50cwYAAAAAAAAAaGVsbG8KAAABAAAAAAAAACkAAAAAAAAA"),
                Nar.toBytes(tree.resolve("a.txt")));
        assertArrayEquals(Base64.getDecoder().decode("DQAAAAAAAABuaXgtYXJjaGl2ZS0xAAAAAQAAAAAAAAAoAAAAAAAAAAQAAA"
                + "AAAAAAdHlwZQAAAAAJAAAAAAAAAGRpcmVjdG9yeQAAAAAAAAABAAAAAAAAACkAAAAAAAAA"),
                Nar.toBytes(tree.resolve("emptydir")));
        assertEquals("6283c1668260f903d1a895c0cd6b822fa4b68762bb0b17cedef2d39d97e26554",
                Nar.narHash(tree.resolve("exec.sh")).toBase16());
        assertEquals("8d3c00cfa866e4d1b809772afeac240786246221eb2c574d69c4bba168834e81",
                Nar.narHash(tree.resolve("link")).toBase16());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Nar.dumpContents("hello\n".getBytes(StandardCharsets.UTF_8), false, out);
        assertArrayEquals(Nar.toBytes(tree.resolve("a.txt")), out.toByteArray());
    }

    // builtins.filterSource (p: t: t != "symlink" && baseNameOf p != "deeper") tree gives
    // /nix/store/xgvvwd7ck7ibs99gl576bnhln8kqbwgn-tree; nix-hash --base32 of the same tree copied
    // without those entries is 0rilv8vc.... A tracing filter showed the call order and types.
    @Test
    void filtersLikeFilterSource() throws IOException {
        Path tree = makeTree();
        List<String> calls = new ArrayList<>();
        Hash h = Nar.hash(tree, HashAlgorithm.SHA256, (p, type) -> {
            calls.add(tree.relativize(p) + " " + type);
            return !type.equals("symlink") && !p.getFileName().toString().equals("deeper");
        });
        assertEquals("0rilv8vcikqrv5s8japnwv76k5qn7agngmil4212g5sp9j18rlcc", h.toBase32());
        assertEquals("/nix/store/xgvvwd7ck7ibs99gl576bnhln8kqbwgn-tree",
                StorePath.makeFixedOutputPath(true, h, "tree", StorePath.DEFAULT_STORE_DIR));
        assertEquals(List.of("a.txt regular", "dangling symlink", "empty regular", "emptydir directory",
                "exec.sh regular", "link symlink", "sub directory", "sub/A regular", "sub/B regular",
                "sub/a-b regular", "sub/a.b regular", "sub/b regular", "sub/deeper directory"), calls);
    }

    // Entries sort by UTF-8 bytes: U+FFFC before U+1F600, unlike Java's UTF-16 String order.
    // for n in z ä é € 😀 ￼; do printf "$n" > "utree/$n"; done; nix-store --dump utree | sha256sum
    @Test
    void sortsNamesByBytes() throws IOException {
        Path utree = tmp.resolve("utree");
        Files.createDirectories(utree);
        for (String n : List.of("z", "\u00e4", "\u00e9", "\u20ac", "\ud83d\ude00", "\ufffc")) {
            try {
                file(utree.resolve(n), n, "rw-r--r--");
            } catch (InvalidPathException e) {
                assumeTrue(false, "file system encoding cannot represent " + n);
            }
        }
        assertEquals("d2df1b41a36e78bfe19af3536a17ae8c51b410136b16d0bbc6db3459447387ef",
                Nar.narHash(utree).toBase16());
    }

    // mkdir fifotree; mkfifo fifotree/p; nix-store --dump fifotree
    @Test
    void rejectsUnsupportedFileTypes() throws Exception {
        Path dir = tmp.resolve("fifotree");
        Files.createDirectories(dir);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", dir.resolve("p").toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo");
            return;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        assertEquals("file '" + dir.resolve("p") + "' has an unsupported type",
                assertThrows(StoreException.class, () -> Nar.narHash(dir)).getMessage());
        // Filtered out, it does not matter.
        Nar.hash(dir, HashAlgorithm.SHA256, (path, type) -> !type.equals("unknown"));
    }
}
