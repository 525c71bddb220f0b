package org.nixproc.lang.eval;

/** Nix's path rules: canonical absolute paths without ".", ".." or repeated slashes; no symlinks resolved. */
public final class Paths {
    private Paths() {
    }

    public static String canonical(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        int n = path.length();
        while (true) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = path.indexOf('/', i);
            if (end < 0) {
                end = n;
            }
            String seg = path.substring(i, end);
            if (seg.equals("..")) {
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (!seg.equals(".")) {
                out.append('/').append(seg);
            }
            i = end;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** A path made absolute against a directory, then canonical. */
    public static String absolute(String path, String dir) {
        return canonical(path.startsWith("/") ? path : dir + "/" + path);
    }

    /** builtins.dirOf on a path: everything before the last slash ("/" for a top-level name). */
    public static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** builtins.baseNameOf: the part after the last slash, ignoring one trailing slash. */
    public static String baseNameOf(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
