package org.nixproc.lang.ast;

/**
 * A piece of Nix source text with the name Nix gives its origin: a file's absolute path,
 * «string» for -E, «stdin». The text is kept so errors can show the offending line.
 * Text is held as one char per byte (ISO-8859-1 over the UTF-8 bytes), like every Nix string here.
 */
public record Source(String origin, String text, boolean isFile) {
    public static final Source NONE = new Source(bytes("«none»"), "", false);
    /** The origin of -E expressions and --arg values. */
    public static final String STRING = bytes("«string»");
    /** The origin of an expression read from standard input. */
    public static final String STDIN = bytes("«stdin»");

    /** The origin as Nix names it inside messages such as "anonymous function at (string):1:2". */
    public String shortOrigin() {
        return isFile ? origin : origin.replace(bytes("«"), "(").replace(bytes("»"), ")");
    }

    private static String bytes(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
