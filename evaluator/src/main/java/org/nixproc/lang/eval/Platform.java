package org.nixproc.lang.eval;

import java.util.Locale;

/** Nix's name of the platform this JVM runs on: builtins.currentSystem and the builder's system. */
public final class Platform {
    private Platform() {
    }

    /** This machine's system, e.g. x86_64-linux. */
    public static String system() {
        return system(System.getProperty("os.arch", ""), System.getProperty("os.name", ""));
    }

    /** The system Nix names for a JVM's os.arch and os.name (x86_64-linux, aarch64-darwin, i686-linux, ...). */
    static String system(String osArch, String osName) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        String os = osName.toLowerCase(Locale.ROOT);
        os = os.startsWith("mac") ? "darwin" : os.startsWith("linux") ? "linux" : os.replace(' ', '-');
        return arch + "-" + os;
    }
}
