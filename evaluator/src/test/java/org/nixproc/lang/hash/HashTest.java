package org.nixproc.lang.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashTest {

    private static final String ABC_SHA256 =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_SHA256_B32 = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s";
    private static final String ABC_SHA256_B64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
    private static final String ZERO_B64 = "A".repeat(43) + "=";

    private static String error(Runnable r) {
        return assertThrows(FormatException.class, r::run).getMessage();
    }

    // `nix-hash --flat --type T abc`, `nix-hash --to-base32`, `nix hash to-base64`, `nix hash to-sri`.
    @Test
    void hashesAndPrintsInAllFormats() {
        Hash md5 = Hash.of(HashAlgorithm.MD5, "abc");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", md5.toBase16());
        assertEquals("3jgzhjhz9zjvbb0kyj7jc500ch", md5.toBase32());
        assertEquals("kAFQmDzST7DWlj99KOF/cg==", md5.toBase64());
        assertEquals("md5-kAFQmDzST7DWlj99KOF/cg==", md5.toSRI());

        Hash sha1 = Hash.of(HashAlgorithm.SHA1, "abc");
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", sha1.toBase16());
        assertEquals("kpcd173cq987hw957sx6m0868wv3x6d9", sha1.toBase32());
        assertEquals("sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", sha1.toSRI());

        Hash sha256 = Hash.of(HashAlgorithm.SHA256, "abc");
        assertEquals(ABC_SHA256, sha256.toBase16());
        assertEquals(ABC_SHA256_B32, sha256.toBase32());
        assertEquals("sha256-" + ABC_SHA256_B64, sha256.toSRI());
        assertEquals("sha256:" + ABC_SHA256, sha256.toString(Hash.Format.BASE16, true));
        assertEquals("sha256:" + ABC_SHA256_B32, sha256.toString());
        assertEquals(ABC_SHA256_B64, sha256.toString(Hash.Format.BASE64, false));

        Hash sha512 = Hash.of(HashAlgorithm.SHA512, "abc");
        assertEquals("2gs8k559z4rlahfx0y688s49m2vvszylcikrfinm30ly9rak69236nkam5ydvly1ai7xac99vxfc4ii84hawjbk876blyk1jfhkbbyx",
                sha512.toBase32());
        assertEquals("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
                sha512.toSRI());
    }

    // `nix-instantiate --eval -E 'builtins.hashString "T" "hello\n"'` and hashFile of such a file.
    @Test
    void hashesStringsAndStreams() {
        assertEquals("b1946ac92492d2347c6235b4d2611184", Hash.of(HashAlgorithm.MD5, "hello\n").toBase16());
        assertEquals("f572d396fae9206628714fb2ce00f72e94f2258f",
                Hash.of(HashAlgorithm.SHA1, "hello\n").toBase16());
        assertEquals("e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931"
                + "f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629",
                Hash.of(HashAlgorithm.SHA512, "hello\n").toBase16());
        byte[] bytes = "hello\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
                Hash.of(HashAlgorithm.SHA256, new ByteArrayInputStream(bytes)).toBase16());
    }

    // `nix-hash --flat --type T --truncate [--base32] abc`: folds to 160 bits only when longer.
    @Test
    void compressesByXorFolding() {
        Hash sha256 = Hash.of(HashAlgorithm.SHA256, "abc");
        assertEquals("2c6f6c233b11308bb34155735dae2223b00361a3",
                HexFormat.of().formatHex(sha256.compressed(20)));
        assertEquals("ldhh7c134ap5swsm86rqnc0i7cinqvrc", NixBase32.encode(sha256.compressed(20)));
        Hash sha512 = Hash.of(HashAlgorithm.SHA512, "abc");
        assertEquals("m7r367qm627fpw74b71f2zq17azx7w67", NixBase32.encode(sha512.compressed(20)));
        assertEquals("c7f0d3bf3a017fe1c259e4f0eb8e30151f33f2a9",
                HexFormat.of().formatHex(Hash.compressHash(sha512.bytes(), 20)));
    }

    @Test
    void parsesEveryForm() {
        Hash expected = Hash.of(HashAlgorithm.SHA256, "abc");
        assertEquals(expected, Hash.parseAny(ABC_SHA256, HashAlgorithm.SHA256));
        assertEquals(expected, Hash.parseAny(ABC_SHA256.toUpperCase(), HashAlgorithm.SHA256));
        assertEquals(expected, Hash.parseAny(ABC_SHA256_B32, HashAlgorithm.SHA256));
        assertEquals(expected, Hash.parseAny(ABC_SHA256_B64, HashAlgorithm.SHA256));
        assertEquals(expected, Hash.parseAny("sha256:" + ABC_SHA256, null));
        assertEquals(expected, Hash.parseAny("sha256:" + ABC_SHA256_B32, HashAlgorithm.SHA256));
        assertEquals(expected, Hash.parseAny("sha256:" + ABC_SHA256_B64, null));
        assertEquals(expected, Hash.parseAny("sha256-" + ABC_SHA256_B64, null));
        assertEquals(expected, Hash.parseAnyPrefixed("sha256-" + ABC_SHA256_B64));
        assertEquals(expected, Hash.parseSRI("sha256-" + ABC_SHA256_B64));
        assertEquals(expected, Hash.parseNonSRIUnprefixed(ABC_SHA256_B32, HashAlgorithm.SHA256));
        assertEquals(Hash.of(HashAlgorithm.MD5, "abc"), Hash.parseAny("md5-kAFQmDzST7DWlj99KOF/cg==", null));
        assertEquals(Hash.of(HashAlgorithm.SHA1, "abc"),
                Hash.parseAny("kpcd173cq987hw957sx6m0868wv3x6d9", HashAlgorithm.SHA1));
    }

    // Nix's base-64 decoder stops at the first '=' and skips newlines, so these are all accepted
    // by Nix 2.8 (checked as outputHash values: same output path as the all-zero hash).
    @Test
    void base64IsLenientLikeNix() {
        Hash zero = new Hash(HashAlgorithm.SHA256, new byte[32]);
        assertEquals(zero, Hash.parseAny("sha256-" + ZERO_B64, null));
        assertEquals(zero, Hash.parseAny("sha256-" + "A".repeat(43), null));
        assertEquals(zero, Hash.parseAny("sha256-" + ZERO_B64 + "x", null));
        assertEquals(zero, Hash.parseAny("sha256-" + "A".repeat(20) + "\n" + "A".repeat(23), null));
    }

    // Each message below is what Nix 2.8 printed for the same text given as a derivation's
    // outputHash (with outputHashAlgo as the expected algorithm) or to `nix hash to-base16`.
    @Test
    void reportsErrorsInNixWording() {
        assertEquals("hash 'x' has wrong length for hash type 'sha256'",
                error(() -> Hash.parseAny("x", HashAlgorithm.SHA256)));
        assertEquals("hash '" + ABC_SHA256_B32 + "' has wrong length for hash type 'sha1'",
                error(() -> Hash.parseAny(ABC_SHA256_B32, HashAlgorithm.SHA1)));
        assertEquals("hash 'sha256:" + ABC_SHA256_B32 + "' should have type 'sha1'",
                error(() -> Hash.parseAny("sha256:" + ABC_SHA256_B32, HashAlgorithm.SHA1)));
        assertEquals("hash 'sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=' should have type 'sha256'",
                error(() -> Hash.parseAny("sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=", HashAlgorithm.SHA256)));
        assertEquals("invalid base-32 hash '1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5e'",
                error(() -> Hash.parseAny("1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5e",
                        HashAlgorithm.SHA256)));
        assertEquals("invalid SRI hash 'abc='", error(() -> Hash.parseAny("sha256-abc=", HashAlgorithm.SHA256)));
        assertEquals("invalid SRI hash '" + ZERO_B64 + "'", error(() -> Hash.parseAny("md5-" + ZERO_B64, null)));
        assertEquals("invalid SRI hash ''", error(() -> Hash.parseAny("sha256-", null)));
        assertEquals("invalid SRI hash '" + "A".repeat(42) + "=A'",
                error(() -> Hash.parseAny("sha256-" + "A".repeat(42) + "=A", null)));
        assertEquals("invalid base-64 hash '" + "A".repeat(44) + "'",
                error(() -> Hash.parseAny("A".repeat(44), HashAlgorithm.SHA256)));
        assertEquals("hash '0000000000000000000000000000000000000000000000000000000000000000' does not include"
                + " a type, nor is the type otherwise known from context",
                error(() -> Hash.parseAny("0".repeat(64), null)));
        assertEquals("invalid base-16 hash '" + "0".repeat(63) + "g'",
                error(() -> Hash.parseAny("0".repeat(63) + "g", HashAlgorithm.SHA256)));
        assertEquals("invalid base-16 hash '" + "0".repeat(31) + "-'",
                error(() -> Hash.parseAny("md5:" + "0".repeat(31) + "-", null)));
        assertEquals("unknown hash algorithm 'foo'", error(() -> Hash.parseAny("foo-AAAA", null)));
        assertEquals("unknown hash algorithm 'SHA256'", error(() -> Hash.parseAny("SHA256-" + ZERO_B64, null)));
        assertEquals("unknown hash algorithm ''", error(() -> Hash.parseAny(":abc", null)));
        assertEquals("unknown hash algorithm ''", error(() -> Hash.parseAny("-abc", null)));
        // The colon is looked for first.
        assertEquals("unknown hash algorithm 'sha256-AA'", error(() -> Hash.parseAny("sha256-AA:AA", null)));
        assertEquals("hash 'AA-AA' has wrong length for hash type 'md5'",
                error(() -> Hash.parseAny("md5:AA-AA", null)));
        assertEquals("hash '' has wrong length for hash type 'sha256'", error(() -> Hash.parseAny("sha256:", null)));
        // Nix 2.8 prints the offending character as nothing (see Hash.decodeBase64).
        assertEquals("invalid character in Base64 string: ''",
                error(() -> Hash.parseAny("sha256-" + "%".repeat(43) + "=", null)));
        // builtins.fetchTree's narHash, and `nix hash to-base16 abc`.
        assertEquals("hash 'abc' is not SRI", error(() -> Hash.parseSRI("abc")));
        assertEquals("hash 'abc' does not include a type, nor is the type otherwise known from context",
                error(() -> Hash.parseAny("abc", null)));
    }

    @Test
    void algorithmNames() {
        assertEquals(HashAlgorithm.SHA512, HashAlgorithm.parse("sha512"));
        assertEquals(103, HashAlgorithm.SHA512.base32Length());
        assertEquals(88, HashAlgorithm.SHA512.base64Length());
        assertEquals(24, HashAlgorithm.MD5.base64Length());
        assertEquals("unknown hash algorithm 'sha3'", error(() -> HashAlgorithm.parse("sha3")));
    }
}
