package org.nixproc.lang.eval;

/** The directory the command was started in, as a Nix byte string: relative search path entries and -E expressions resolve against it. */
public final class CommandLineDirectory {
    private CommandLineDirectory() {
    }

    public static String get() {
        return Bytes.fromJava(Paths.canonical(System.getProperty("user.dir")));
    }
}
