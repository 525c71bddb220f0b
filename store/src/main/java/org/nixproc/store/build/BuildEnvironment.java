package org.nixproc.store.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.Derivation;

/**
 * The environment a builder runs in, as Nix 2.8 makes it (without a sandbox): PATH, HOME,
 * NIX_STORE and NIX_BUILD_CORES first, so that the derivation may set its own; then every
 * derivation attribute (the output paths are among them); then the build directory (if the build
 * has one: see {@link JavaBuilder#usesBuildDir}) as NIX_BUILD_TOP, TMPDIR, TEMPDIR, TMP, TEMP and
 * PWD; for fixed-output derivations the {@code impureEnvVars} taken from our own environment; and
 * last NIX_LOG_FD and TERM.
 *
 * <p>An attribute named in {@code passAsFile} is written to {@code .attr-<sha256 of its name>} in
 * the build directory instead, and {@code <name>Path} names that file.
 */
final class BuildEnvironment {
    private BuildEnvironment() {
    }

    static Map<String, String> of(Derivation drv, String storeDir, Path buildDir, BuildSettings settings) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/path-not-set");
        env.put("HOME", "/homeless-shelter");
        env.put("NIX_STORE", storeDir);
        env.put("NIX_BUILD_CORES", Integer.toString(settings.cores()));
        Set<String> passAsFile = words(drv.env().get("passAsFile"));
        for (Map.Entry<String, String> e : drv.env().entrySet()) {
            if (passAsFile.contains(e.getKey())) {
                String file = ".attr-" + Hash.of(HashAlgorithm.SHA256, e.getKey()).toBase32();
                Path p = buildDir.resolve(file);
                try {
                    Files.write(p, e.getValue().getBytes(StandardCharsets.UTF_8));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                env.put(e.getKey() + "Path", p.toString());
            } else {
                env.put(e.getKey(), e.getValue());
            }
        }
        if (buildDir != null) {
            String top = buildDir.toString();
            for (String v : new String[] {"NIX_BUILD_TOP", "TMPDIR", "TEMPDIR", "TMP", "TEMP", "PWD"}) {
                env.put(v, top);
            }
        }
        if (drv.isFixedOutput()) {
            for (String v : words(drv.env().get("impureEnvVars"))) {
                env.put(v, settings.hostEnv().getOrDefault(v, ""));
            }
        }
        env.put("NIX_LOG_FD", "2");
        env.put("TERM", "xterm-256color");
        return env;
    }

    /** The words of a whitespace-separated attribute (none when absent). */
    static Set<String> words(String value) {
        Set<String> out = new TreeSet<>();
        if (value != null) {
            for (String w : value.split("[ \t\n\r]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
