package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.Nar;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;
import org.nixproc.store.build.Downloads;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;

/**
 * {@code nix-prefetch-url URL [HASH]} (--type, --name, --executable, --print-path): downloads URL
 * into the store as the fixed-output path a fetchurl of it gives and prints the hash, as Nix 2.8
 * does; the store path goes to stderr ("path is '...'") or, with --print-path, to stdout.
 */
final class NixPrefetchUrl {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;

    NixPrefetchUrl(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        HashAlgorithm algorithm = HashAlgorithm.SHA256;
        String name = null;
        boolean executable = false;
        boolean printPath = false;
        String url = null;
        String expected = null;
        try {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "--type" -> {
                        String t = CommandLineError.argument(argv, i++);
                        algorithm = HashAlgorithm.parseOrNull(t);
                        if (algorithm == null) {
                            throw new CommandLineError("unknown hash algorithm '" + t + "'");
                        }
                    }
                    case "--name" -> name = CommandLineError.argument(argv, i++);
                    case "--executable" -> executable = true;
                    case "--print-path" -> printPath = true;
                    case "--unpack" -> throw new CommandLineError("'--unpack' is not supported");
                    case "--help", "--version" -> {
                        return Help.answer("nix-prefetch-url", a, out);
                    }
                    default -> {
                        String operand = CommandLineError.operand(a);
                        if (url == null) {
                            url = operand;
                        } else if (expected == null) {
                            expected = operand;
                        } else {
                            throw new CommandLineError("too many arguments");
                        }
                    }
                }
            }
            if (url == null) {
                throw new CommandLineError("you must specify a URL");
            }
        } catch (CommandLineError e) {
            return e.report(err, "nix-prefetch-url");
        }
        if (name == null) {
            name = url.substring(url.lastIndexOf('/') + 1);
        }
        try {
            StorePath.checkName(name, name);
            prefetch(url, name, algorithm, executable, expected, printPath);
            return 0;
        } catch (StoreException | IllegalArgumentException | IOException e) {
            return Failures.report(e, out, err, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted by the user");
        }
        return 1;
    }

    private void prefetch(String url, String name, HashAlgorithm algorithm, boolean executable, String expected,
            boolean printPath) throws IOException, InterruptedException {
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
        try (LocalStore store = LocalStore.open(config)) {
            Hash want = expected == null ? null : Hash.parseAny(expected, algorithm);
            Hash hash = want;
            String path = want == null ? null : StorePath.makeFixedOutputPath(executable, want, name, config.storeDir());
            if (path == null || !store.isValid(path)) {
                Path file = Files.createTempFile("nix-prefetch-url", null);
                try {
                    Downloads.download(url, file);
                    if (executable) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    hash = LocalStore.contentHash(file, executable, algorithm, Nar.ALL);
                    if (want != null && !hash.equals(want)) {
                        throw new StoreException("hash mismatch for '" + url + "':\n  specified: " + want.toSRI()
                                + "\n  got:       " + hash.toSRI());
                    }
                    path = store.addPathToStore(name, file, executable, algorithm, null);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            if (!printPath) {
                err.println("path is '" + path + "'");
            }
            out.println(hash.toBase32());
            if (printPath) {
                out.println(path);
            }
        }
    }
}
