package org.nixproc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nixproc.store.GoldenDerivations.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

class DerivationTest {

    /** Every golden .drv file as {path, text}. */
    static final List<String[]> ALL = List.of(
            new String[] {SIMPLE_PATH, SIMPLE}, new String[] {MULTI_PATH, MULTI},
            new String[] {DEP_PATH, DEP}, new String[] {FOD_SHA256_FLAT_PATH, FOD_SHA256_FLAT},
            new String[] {FOD_MD5_FLAT_PATH, FOD_MD5_FLAT}, new String[] {FOD_SHA1_FLAT_PATH, FOD_SHA1_FLAT},
            new String[] {FOD_SHA512_FLAT_PATH, FOD_SHA512_FLAT},
            new String[] {FOD_SHA256_REC_PATH, FOD_SHA256_REC}, new String[] {FOD_SHA1_REC_PATH, FOD_SHA1_REC},
            new String[] {ON_FOD_PATH, ON_FOD}, new String[] {ESC_PATH, ESC},
            new String[] {WITH_SRC_PATH, WITH_SRC}, new String[] {STRUCTURED_PATH, STRUCTURED},
            new String[] {SIMPLE_FOO_PATH, SIMPLE_FOO}, new String[] {MULTI_FOO_PATH, MULTI_FOO},
            new String[] {DEP_FOO_PATH, DEP_FOO});

    @Test
    void parseAndPrintRoundTripByteForByte() {
        for (String[] golden : ALL) {
            assertEquals(golden[1], Derivation.parse(golden[1]).toATerm(), golden[0]);
        }
    }

    // The .drv path is a text path over the file's SHA-256, referring to all inputs.
    @Test
    void drvPathsOfGoldenFiles() {
        for (String[] golden : ALL) {
            String storeDir = golden[0].substring(0, golden[0].lastIndexOf('/'));
            String name = StorePath.namePart(golden[0]);
            name = name.substring(0, name.length() - ".drv".length());
            assertEquals(golden[0], DerivationHashes.drvPath(Derivation.parse(golden[1]), name, storeDir));
        }
    }

    @Test
    void buildsTheSimpleDerivationByHand() {
        String out = "/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("system", "x86_64-linux");
        env.put("out", out);
        env.put("name", "x");
        env.put("builder", "/bin/sh");
        Derivation drv = new Derivation(Map.of("out", DerivationOutput.inputAddressed(out)), Map.of(),
                List.of(), "x86_64-linux", "/bin/sh", List.of("-c", "echo"), env);
        assertEquals(SIMPLE, drv.toATerm());
        assertEquals(drv, Derivation.parse(SIMPLE));
        assertFalse(drv.isFixedOutput());
    }

    @Test
    void unescapesStrings() {
        Derivation drv = Derivation.parse(ESC);
        assertEquals(List.of("q\"b\\s\nn\rr\tt", "\u00fcn\u00ef\u20ac", "$x", ""), drv.args());
        assertEquals("a\"\\\n\r\tb", drv.env().get("weird"));
        assertTrue(drv.env().get("out").endsWith("-esc"));
    }

    @Test
    void readsStructure() {
        Derivation dep = Derivation.parse(DEP);
        assertEquals(List.of(MULTI_PATH, SIMPLE_PATH), List.copyOf(dep.inputDrvs().keySet()));
        assertEquals(List.of("dev", "lib"), List.copyOf(dep.inputDrvs().get(MULTI_PATH)));
        Derivation fod = Derivation.parse(FOD_SHA1_REC);
        assertTrue(fod.isFixedOutput());
        DerivationOutput out = fod.outputs().get("out");
        assertTrue(out.isRecursive());
        assertEquals(Hash.of(HashAlgorithm.SHA1, ""), out.parsedHash());
        assertEquals(List.of("/nix/store/8q4n9r83xkv0mphigdbcxhw7yw8rb7s9-t2",
                "/nix/store/j9n4v20s0nai4k7807af902qyhhai03v-script.sh"),
                List.copyOf(Derivation.parse(WITH_SRC).inputSrcs()));
    }

    // Nix sorts by bytes; Java's String order puts U+1F600 (a surrogate pair) before U+FFFC.
    @Test
    void sortsEnvironmentByUtf8Bytes() {
        Derivation drv = new Derivation(Map.of(), Map.of(), List.of(), "s", "b", List.of(),
                Map.of("\ud83d\ude00", "1", "\ufffc", "2", "Z", "3", "a", "4"));
        assertEquals("Derive([],[],[],\"s\",\"b\",[],[(\"Z\",\"3\"),(\"a\",\"4\"),(\"\ufffc\",\"2\"),"
                + "(\"\ud83d\ude00\",\"1\")])", drv.toATerm());
        assertTrue(Utf8Order.compare("\ufffc", "\ud83d\ude00") < 0);
        assertTrue(Utf8Order.compare("ab", "a") > 0);
        assertEquals(0, Utf8Order.compare("\u00e9", "\u00e9"));
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(StoreException.class, () -> Derivation.parse("Derive(["));
        assertThrows(StoreException.class, () -> Derivation.parse("Derivx([],[],[],\"s\",\"b\",[],[])"));
        assertThrows(StoreException.class, () -> Derivation.parse("Derive([],[],[],\"s\",\"b\",[],[])x"));
        assertThrows(StoreException.class, () -> Derivation.parse("Derive([],[],[\"a\"\"b\"],\"s\",\"b\",[],[])"));
        assertThrows(StoreException.class, () -> Derivation.parse("Derive([],[],[],\"s,\"b\",[],[])"));
        assertEquals(new Derivation(Map.of(), Map.of(), List.of(), "s", "b", List.of(), Map.of()),
                Derivation.parse("Derive([],[],[],\"s\",\"b\",[],[])"));
    }
}
