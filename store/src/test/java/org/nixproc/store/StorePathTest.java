package org.nixproc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

class StorePathTest {

    private static final String NIX = StorePath.DEFAULT_STORE_DIR;
    private static final String FOO = "/tmp/foo/store";
    private static final Hash ABC_SHA256 = Hash.of(HashAlgorithm.SHA256, "abc");

    private static String error(Runnable r) {
        return assertThrows(StoreException.class, r::run).getMessage();
    }

    // nix-instantiate --eval --strict -E 'let t1 = builtins.toFile "t1" "hello";
    //   in [t1 (builtins.toFile "t2" "see ${t1}")]'   (and the same with NIX_STORE_DIR=/tmp/foo/store)
    @Test
    void textPathsWithReferences() {
        String t1 = StorePath.makeTextPath("t1", "hello", List.of(), NIX);
        assertEquals("/nix/store/lx06blglh5frvgbjlqv0wykn7ybanky6-t1", t1);
        assertEquals("/nix/store/8q4n9r83xkv0mphigdbcxhw7yw8rb7s9-t2",
                StorePath.makeTextPath("t2", "see " + t1, List.of(t1), NIX));

        String fooT1 = StorePath.makeTextPath("t1", "hello", List.of(), FOO);
        assertEquals("/tmp/foo/store/wy7c00nryawlnvzrb9ja212z0igfrm5v-t1", fooT1);
        assertEquals("/tmp/foo/store/fvwjz28b68572f74104xwbdcf3a2jnmq-t2",
                StorePath.makeTextPath("t2", "see " + fooT1, List.of(fooT1), FOO));
    }

    // nix-instantiate --eval -E 'builtins.toFile "NAME" "x"' for each name.
    @Test
    void nixAcceptsTheseNames() {
        assertEquals("/nix/store/awxdfv8gpbniada9qn5l6lv2gwphgxv8-.ab",
                StorePath.makeTextPath(".ab", "x", List.of(), NIX));
        assertEquals("/nix/store/1ka9gw6ddkrf0b8k65q7p46xbgb9wdr8-.",
                StorePath.makeTextPath(".", "x", List.of(), NIX));
        assertEquals("/nix/store/hv29bhyiqgqrrvfwnrc9gg9g9cw83k4b-..",
                StorePath.makeTextPath("..", "x", List.of(), NIX));
        assertEquals("/nix/store/855857sc9iq76gh3y4zcc3d5qip0azv0-?=+_.-Ab9",
                StorePath.makeTextPath("?=+_.-Ab9", "x", List.of(), NIX));
        assertEquals("/nix/store/yx91frwj9qkga75f8habg8q40arnqila-" + "a".repeat(211),
                StorePath.makeTextPath("a".repeat(211), "x", List.of(), NIX));
        assertTrue(StorePath.isValidName(".ab"));
        assertTrue(StorePath.isValidName("a".repeat(211)));
    }

    // The same command with invalid names; Nix's message quotes the hash part it had computed.
    @Test
    void rejectsBadNamesLikeNix() {
        assertEquals("store path 'dm85kbl5cy82j2dzvy1874s14y3salv3-a b' contains illegal character ' '",
                error(() -> StorePath.makeTextPath("a b", "x", List.of(), NIX)));
        assertEquals("store path '9r1mh2rc3s3i33vpdw86kqqyvy9i1y4w-' has an empty name",
                error(() -> StorePath.makeTextPath("", "x", List.of(), NIX)));
        assertEquals("store path 'sk7z62nqxdj2sb8x397my8i4803lhvai-" + "a".repeat(212)
                + "' has a name longer than 211 characters",
                error(() -> StorePath.makeTextPath("a".repeat(212), "x", List.of(), NIX)));
        assertEquals("store path '9d0sm13c3pj0msx6gd27izjkbmdnpbf2-a/b' contains illegal character '/'",
                error(() -> StorePath.makeTextPath("a/b", "x", List.of(), NIX)));
        assertFalse(StorePath.isValidName("a b"));
        assertFalse(StorePath.isValidName(""));
        assertFalse(StorePath.isValidName("\u00e9"));
        assertFalse(StorePath.isValidName("a".repeat(212)));
    }

    // nix-store --store dummy:// -q --hash PATH, which parses PATH as a store path.
    @Test
    void parsesStorePathsLikeNix() {
        String a32 = "a".repeat(32);
        assertEquals("'abc' is too short to be a valid store path",
                error(() -> StorePath.parseBaseName("/nix/store/abc", NIX)));
        assertEquals("'" + a32 + "' is too short to be a valid store path",
                error(() -> StorePath.parseBaseName("/nix/store/" + a32, NIX)));
        assertEquals("store path 'e" + "a".repeat(31) + "-foo' contains illegal base-32 character 'e'",
                error(() -> StorePath.parseBaseName("/nix/store/e" + "a".repeat(31) + "-foo", NIX)));
        assertEquals("store path '" + a32 + "-' has an empty name",
                error(() -> StorePath.parseBaseName("/nix/store/" + a32 + "-", NIX)));
        assertEquals("store path '" + a32 + "-a b' contains illegal character ' '",
                error(() -> StorePath.parseBaseName("/nix/store/" + a32 + "-a b", NIX)));
        assertEquals("path '/nix/store' is not in the Nix store",
                error(() -> StorePath.parseBaseName("/nix/store/", NIX)));
        // Nix 2.8 does not check the separator, and normalises the path first.
        assertEquals(a32 + "xfoo", StorePath.parseBaseName("/nix/store/" + a32 + "xfoo", NIX));
        assertEquals(a32 + "-foo", StorePath.parseBaseName("/nix/store//" + a32 + "-foo", NIX));
        assertEquals(a32 + "-foo", StorePath.parseBaseName("/nix/./store/" + a32 + "-foo/", NIX));
        assertEquals(a32 + "-foo", StorePath.parseBaseName("/nix/x/../store/" + a32 + "-foo/.", NIX));
        assertEquals(a32 + "-.a", StorePath.parseBaseName("/nix/store/" + a32 + "-.a", NIX));
        assertEquals(a32 + "-..", StorePath.parseBaseName("/nix/store/" + a32 + "-..", NIX));
        assertEquals("path '/nix' is not in the Nix store",
                error(() -> StorePath.parseBaseName("/nix/store/..", NIX)));
        assertEquals("path '/nix/store' is not in the Nix store",
                error(() -> StorePath.parseBaseName("nix/store", NIX)));

        String path = "/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x";
        assertTrue(StorePath.isStorePath(path, NIX));
        assertFalse(StorePath.isStorePath(path, FOO));
        assertFalse(StorePath.isStorePath(path + "/bin", NIX));
        assertTrue(StorePath.isInStore(path + "/bin", NIX));
        assertFalse(StorePath.isInStore("/nix/store", NIX));
        assertFalse(StorePath.isInStore("/nix/storex/a", NIX));
        assertEquals(path, StorePath.toStorePath(path + "/bin/sh", NIX));
        assertEquals("57nywcq99wx2qhwwh02k093a8cnmpzl9", StorePath.hashPart(path));
        assertEquals("x", StorePath.namePart(path));
        assertEquals("multi-dev", StorePath.namePart("/nix/store/yr9yjf99w6572849qy7zci6dvz1v2wgc-multi-dev"));
    }

    // Flat fixed-output paths: `outPath` of derivations with outputHashMode = "flat" (all.nix in
    // GoldenDerivations) and of `builtins.path { path = a.txt; recursive = false; name = "flat"; }`
    // where a.txt holds "hello\n", in both store dirs.
    @Test
    void flatFixedOutputPaths() {
        assertEquals("/nix/store/7xp2k5k2jwzs9nshmxnqf3rlfs4lfy6p-fod-sha256-flat",
                StorePath.makeFixedOutputPath(false, ABC_SHA256, "fod-sha256-flat", NIX));
        assertEquals("/tmp/foo/store/scs4qqh0sipky40lppcbxd9wjr3hs1ah-fod-sha256-flat",
                StorePath.makeFixedOutputPath(false, ABC_SHA256, "fod-sha256-flat", FOO));
        assertEquals("/nix/store/jz9qnv3h8sn4dmb6ywkbl4crjbpl7g04-fod-md5-flat",
                StorePath.makeFixedOutputPath(false, Hash.of(HashAlgorithm.MD5, ""), "fod-md5-flat", NIX));
        assertEquals("/nix/store/2k16758qf8c9ijh6sn1b2x4l34nvnph7-fod-sha1-flat",
                StorePath.makeFixedOutputPath(false, Hash.of(HashAlgorithm.SHA1, ""), "fod-sha1-flat", NIX));
        assertEquals("/nix/store/11zcgpbwgjzhzgdix0ai8q3pjmkilcic-fod-sha512-flat",
                StorePath.makeFixedOutputPath(false, Hash.of(HashAlgorithm.SHA512, ""), "fod-sha512-flat", NIX));
        Hash hello = Hash.of(HashAlgorithm.SHA256, "hello\n");
        assertEquals("/nix/store/hrzh64qwa6kpxv4ik12aiyppb3r0njks-flat",
                StorePath.makeFixedOutputPath(false, hello, "flat", NIX));
        assertEquals("/tmp/foo/store/rjij3snfh9157f8ll3phi9n9bd22xgbc-flat",
                StorePath.makeFixedOutputPath(false, hello, "flat", FOO));
        // outputHash = "sha256:000...0AA" (any case of hex accepted), name "a".
        assertEquals("/nix/store/c9ylvrb761p0y5g65rr3ilqci63qgxcc-a", StorePath.makeFixedOutputPath(false,
                Hash.parseAny("sha256:" + "0".repeat(62) + "AA", null), "a", NIX));
        assertEquals("/nix/store/19k94y693b5mi3rbb0f3y9c4zq1jc3z0-a", StorePath.makeFixedOutputPath(false,
                new Hash(HashAlgorithm.SHA256, new byte[32]), "a", NIX));
    }

    // Recursive: sha256 gives a "source" path (as builtins.path does), other algorithms the
    // indirect "fixed:out:r:..." form. Derivations fod-*-recursive from all.nix.
    @Test
    void recursiveFixedOutputPaths() {
        assertEquals("/nix/store/0z5dn8147189gh7x4ss4lms5nylym3zm-fod-sha256-recursive",
                StorePath.makeFixedOutputPath(true, ABC_SHA256, "fod-sha256-recursive", NIX));
        assertEquals("/nix/store/lq71dz0iqnp46728h2v8067qh702vdni-fod-sha1-recursive",
                StorePath.makeFixedOutputPath(true, Hash.of(HashAlgorithm.SHA1, ""), "fod-sha1-recursive", NIX));
        assertEquals("/tmp/foo/store/7hymqyxdwdj1pvqs0kadc2i91pkc5lhb-fod-sha1-recursive",
                StorePath.makeFixedOutputPath(true, Hash.of(HashAlgorithm.SHA1, ""), "fod-sha1-recursive", FOO));
        // The source path of a tree is its NAR hash; see NarTest for trees. `nix-store --dump
        // tree/a.txt | sha256sum` and `builtins.path { path = tree/a.txt; name = "rec"; }`.
        Hash narOfHello = Hash.parseAny("1c37d01af40be2e80691de3cc3df44377a699afbb17c68f080964b2fd071fc13",
                HashAlgorithm.SHA256);
        assertEquals("/nix/store/m9h4p68vkmsqgva1g509i6ygap866x3j-rec",
                StorePath.makeFixedOutputPath(true, narOfHello, "rec", NIX));
        assertThrows(IllegalArgumentException.class, () -> StorePath.makeFixedOutputPath(true,
                Hash.of(HashAlgorithm.SHA1, ""), "x", List.of("/nix/store/a"), false, NIX));
    }

    @Test
    void outputPathNames() {
        assertEquals("multi", StorePath.outputPathName("multi", "out"));
        assertEquals("multi-dev", StorePath.outputPathName("multi", "dev"));
        assertEquals("text:/nix/store/a:/nix/store/b:self",
                StorePath.makeType("text", List.of("/nix/store/b", "/nix/store/a", "/nix/store/b"), true));
    }

    @Test
    void storePathFromHex() {
        assertEquals(StorePath.makeStorePath("source", ABC_SHA256, "n", NIX),
                StorePath.makeStorePath("source", ABC_SHA256.toBase16(), "n", NIX));
    }
}
