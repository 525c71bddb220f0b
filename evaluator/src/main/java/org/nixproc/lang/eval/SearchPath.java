package org.nixproc.lang.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The entries of Nix's search path: {@code -I} options first, then NIX_PATH, each "prefix=path" or "path". */
public final class SearchPath {
    private SearchPath() {
    }

    public static List<String> fromEnvironment(List<String> includes, Map<String, String> env) {
        List<String> entries = new ArrayList<>();
        for (String i : includes) {
            entries.addAll(split(i));
        }
        String nixPath = env.get("NIX_PATH");
        if (nixPath != null) {
            entries.addAll(split(nixPath));
        }
        return entries;
    }

    /** Splits on ':' as Nix does, except inside a URI's "://". */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && !s.startsWith("//", i + 1)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
