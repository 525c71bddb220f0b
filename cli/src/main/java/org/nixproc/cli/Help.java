package org.nixproc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What the Nix commands answer to --help (their usage, from help/COMMAND.txt) and --version. */
final class Help {
    /** The Nix release whose behaviour the commands follow. */
    static final String NIX_VERSION = "2.8.0";

    private Help() {
    }

    /** Prints {@code command}'s usage or version for {@code flag} (--help or --version); the exit status. */
    static int answer(String command, String flag, PrintStream out) {
        if (flag.equals("--version")) {
            // The version last, where scripts that ask Nix for its version look for it.
            out.println(command + " (nixproc) " + NIX_VERSION);
        } else {
            out.print(usage(command));
        }
        out.flush();
        return 0;
    }

    private static String usage(String command) {
        try (InputStream in = Help.class.getResourceAsStream("help/" + command + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no help for " + command);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
