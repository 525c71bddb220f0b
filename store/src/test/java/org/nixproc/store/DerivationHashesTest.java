package org.nixproc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nixproc.store.GoldenDerivations.*;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

class DerivationHashesTest {

    private static final String NIX = StorePath.DEFAULT_STORE_DIR;

    /** Loads golden .drv files by path, as a store would. */
    private static final Function<String, Derivation> LOADER = path -> {
        for (String[] golden : DerivationTest.ALL) {
            if (golden[0].equals(path)) {
                return Derivation.parse(golden[1]);
            }
        }
        return null;
    };

    /** What {@code derivation} has before output paths are known: outputs and their variables empty. */
    private static Derivation withoutOutputPaths(Derivation drv) {
        Map<String, DerivationOutput> outputs = new HashMap<>();
        Map<String, String> env = new HashMap<>(drv.env());
        drv.outputs().forEach((name, o) -> {
            outputs.put(name, o.withPath(""));
            env.remove(name);
        });
        return drv.withOutputsAndEnv(outputs, env);
    }

    // Recomputes every golden derivation from its path-less form and compares the whole .drv
    // text and path: this covers hashModulo over input derivations (dep, on-fod), fixed outputs
    // of every algorithm, multiple outputs, sources, escaping and the /tmp/foo/store dir.
    @Test
    void recomputesEveryGoldenDerivation() {
        for (String[] golden : DerivationTest.ALL) {
            String storeDir = golden[0].substring(0, golden[0].lastIndexOf('/'));
            String drvName = StorePath.namePart(golden[0]).replaceAll("\\.drv$", "");
            DerivationHashes hashes = new DerivationHashes(storeDir, LOADER);
            DerivationHashes.Made made = hashes.make(withoutOutputPaths(Derivation.parse(golden[1])), drvName);
            assertEquals(golden[1], made.derivation().toATerm(), golden[0]);
            assertEquals(golden[0], made.drvPath());
        }
    }

    // The dependent derivation built the way the evaluator would, from the `dep` attribute set.
    @Test
    void buildsADependentDerivationFromScratch() {
        String simpleOut = "/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("name", "dep");
        env.put("builder", "/bin/sh");
        env.put("system", "x86_64-linux");
        env.put("a", "/nix/store/yr9yjf99w6572849qy7zci6dvz1v2wgc-multi-dev");
        env.put("b", "/nix/store/xcxx86bfc679cqpi9s8yvk2b5djcjgxd-multi-lib");
        env.put("c", simpleOut);
        Derivation drv = new Derivation(Map.of("out", DerivationOutput.placeholder()),
                Map.of(SIMPLE_PATH, List.of("out"), MULTI_PATH, List.of("lib", "dev")), List.of(),
                "x86_64-linux", "/bin/sh", List.of("-c", "echo " + simpleOut + " > $out"), env);
        DerivationHashes hashes = new DerivationHashes(LOADER);
        DerivationHashes.Made made = hashes.make(drv, "dep");
        assertEquals(DEP, made.derivation().toATerm());
        assertEquals(DEP_PATH, made.drvPath());
        assertEquals("/nix/store/d43ny4aq2hwiz1h7013ga7q9pdp0mvjs-dep", made.derivation().env().get("out"));
    }

    // Derivations made in the evaluation are not loaded again: what was remembered of them when
    // they were made is their hash modulo (and the loader here knows none of them). MULTI has
    // several outputs, each also in the environment.
    @Test
    void remembersTheDerivationsMade() {
        DerivationHashes hashes = new DerivationHashes(path -> null);
        assertEquals(SIMPLE_PATH, hashes.make(withoutOutputPaths(Derivation.parse(SIMPLE)), "x").drvPath());
        assertEquals(MULTI_PATH, hashes.make(withoutOutputPaths(Derivation.parse(MULTI)), "multi").drvPath());
        Derivation dep = Derivation.parse(DEP);
        assertEquals(DEP, hashes.withOutputPaths(withoutOutputPaths(dep), "dep").toATerm());
        assertEquals(DerivationHashes.hashModulo(dep, LOADER), hashes.hashModulo(dep));
    }

    // A fixed-output derivation is hashed by its output only: changing its builder changes its
    // .drv path but not the hash modulo, hence not the paths of derivations depending on it.
    @Test
    void fixedOutputHashIgnoresTheRecipe() {
        Derivation fod = Derivation.parse(FOD_SHA256_FLAT);
        Derivation changed = new Derivation(fod.outputs(), fod.inputDrvs(), fod.inputSrcs(), fod.platform(),
                "/bin/bash", fod.args(), fod.env());
        Hash h = DerivationHashes.hashModulo(fod, LOADER);
        assertEquals(h, DerivationHashes.hashModulo(changed, LOADER));
        assertEquals(Hash.of(HashAlgorithm.SHA256, "fixed:out:sha256:"
                + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad:"
                + "/nix/store/7xp2k5k2jwzs9nshmxnqf3rlfs4lfy6p-fod-sha256-flat"), h);
        assertNotEquals(DerivationHashes.drvPath(fod, "fod-sha256-flat", NIX),
                DerivationHashes.drvPath(changed, "fod-sha256-flat", NIX));
    }

    @Test
    void memoisesInputHashes() {
        AtomicInteger loads = new AtomicInteger();
        DerivationHashes hashes = new DerivationHashes(path -> {
            loads.incrementAndGet();
            return LOADER.apply(path);
        });
        Hash first = hashes.hashModulo(Derivation.parse(DEP));
        Hash second = hashes.hashModulo(Derivation.parse(DEP));
        assertEquals(first, second);
        assertEquals(2, loads.get());
    }

    // builtins.path of a file "#!/bin/sh\necho hi\n" named script.sh, as with-src refers to it.
    @Test
    void sourcePathOfAFile() {
        java.io.ByteArrayOutputStream nar = new java.io.ByteArrayOutputStream();
        Nar.dumpContents("#!/bin/sh\necho hi\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), false, nar);
        assertEquals("/nix/store/j9n4v20s0nai4k7807af902qyhhai03v-script.sh", StorePath.makeFixedOutputPath(
                true, Hash.of(HashAlgorithm.SHA256, nar.toByteArray()), "script.sh", NIX));
    }
}
