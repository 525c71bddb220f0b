package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.Nar;

/**
 * nix-store --export's format: written references first with Nix's framing, read back into a
 * store that lacks the paths (same contents, hashes, references, deriver), and refused when it is
 * not that format or breaks off, leaving nothing registered.
 */
class PathExportImportTest {
    @TempDir
    Path tmp;

    private LocalStore open(String state) {
        return LocalStore.open(new StoreConfig(tmp.resolve("store").toString(), tmp.resolve(state)));
    }

    private static long number(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    @Test
    void exportedPathsImportIntoAnotherStore() throws IOException {
        String tree;
        String text;
        byte[] exported;
        try (LocalStore a = open("a")) {
            Path src = tmp.resolve("src");
            Files.createDirectories(src.resolve("bin"));
            Files.writeString(src.resolve("bin/run"), "#!/bin/sh\necho hi\n");
            Files.setPosixFilePermissions(src.resolve("bin/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(src.resolve("link"), Path.of("bin/run"));
            Files.writeString(src.resolve("data"), "x".repeat(13));
            tree = a.addPathToStore("tree", src, true, null);
            text = a.addTextToStore("uses", "uses " + tree, Set.of(tree));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // Given dependant first: written after what it refers to.
            PathExport.export(a, List.of(text, tree), out);
            exported = out.toByteArray();
        }
        assertEquals(1, number(exported, 0));
        byte[] nar = new ByteArrayOutputStream() {
            {
                Nar.dump(Path.of(tree), this);
            }
        }.toByteArray();
        assertArrayEquals(nar, Arrays.copyOfRange(exported, 8, 8 + nar.length));
        assertEquals(ExportFormat.MAGIC, number(exported, 8 + nar.length));
        assertEquals(0, number(exported, exported.length - 8));

        String treeHash;
        try (LocalStore a = open("a")) {
            treeHash = a.queryPathInfo(tree).orElseThrow().narHash();
        }
        StoreFiles.deleteTree(Path.of(tree));
        StoreFiles.deleteTree(Path.of(text));
        try (LocalStore b = open("b")) {
            List<String> imported = PathImport.importPaths(b, new ByteArrayInputStream(exported));
            assertEquals(List.of(tree, text), imported);
            assertEquals(Set.of(tree), b.queryReferences(text));
            assertEquals(treeHash, b.queryPathInfo(tree).orElseThrow().narHash());
            assertEquals("uses " + tree, Files.readString(Path.of(text)));
            assertTrue(Files.isExecutable(Path.of(tree, "bin/run")));
            assertEquals(Path.of("bin/run"), Files.readSymbolicLink(Path.of(tree, "link")));
            assertEquals(List.of(), b.verify(true));
            // Importing again changes nothing.
            assertEquals(List.of(tree, text), PathImport.importPaths(b, new ByteArrayInputStream(exported)));
        }
    }

    @Test
    void badOrTruncatedStreamsAreRefusedAndNothingRegistered() throws IOException {
        byte[] exported;
        String path;
        try (LocalStore a = open("a")) {
            path = a.addTextToStore("t", "contents", Set.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PathExport.export(a, List.of(path), out);
            exported = out.toByteArray();
        }
        StoreFiles.deleteTree(Path.of(path));
        try (LocalStore b = open("b")) {
            IOException e = assertThrows(IOException.class,
                    () -> PathImport.importPaths(b, new ByteArrayInputStream("not an export".getBytes(StandardCharsets.UTF_8))));
            assertEquals("input doesn't look like something created by 'nix-store --export'", e.getMessage());
            for (int cut : new int[] { 12, 8 }) {
                assertThrows(IOException.class, () -> PathImport.importPaths(b, new ByteArrayInputStream(
                        Arrays.copyOf(exported, exported.length - cut))));
            }
            assertFalse(b.isValid(path));
            assertFalse(Files.exists(Path.of(path)));
            try (var s = Files.list(tmp.resolve("store"))) {
                assertEquals(List.of(), s.toList());
            }
        }
    }
}
