package org.nixproc.processmgmt.sysvinit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code key=value} lines, values shell-quoted ({@link ShellQuote}), as the files the sysvinit
 * packages carry for the rc tools (credentials, readiness) are written, so that a shell could
 * read them too.
 */
public final class KeyValueFile {
    private KeyValueFile() {
    }

    /** One line per entry, in the map's order. */
    public static String render(Map<String, String> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append('=').append(ShellQuote.quote(v)).append('\n'));
        return sb.toString();
    }

    /**
     * The entries of {@code text}: values as a POSIX shell reads one word: plain,
     * {@code 'single quoted'} (a quote inside written {@code '\''}), {@code "double quoted"} or
     * backslash-escaped; a quoted value may span lines. Lines starting with {@code #} are comments.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eol = text.indexOf('\n', i);
            int eq = text.indexOf('=', i);
            if (text.charAt(i) == '#' || eq < 0 || (eol >= 0 && eq > eol)) {
                i = eol < 0 ? n : eol + 1;
                continue;
            }
            String key = text.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            i = eq + 1;
            while (i < n && text.charAt(i) != '\n') {
                char c = text.charAt(i);
                if (c == '\'') {
                    int close = text.indexOf('\'', i + 1);
                    close = close < 0 ? n : close;
                    v.append(text, i + 1, close);
                    i = close + 1;
                } else if (c == '"') {
                    i++;
                    while (i < n && text.charAt(i) != '"') {
                        if (text.charAt(i) == '\\' && i + 1 < n && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
                            i++;
                        }
                        v.append(text.charAt(i++));
                    }
                    i++;
                } else if (c == '\\' && i + 1 < n) {
                    v.append(text.charAt(i + 1));
                    i += 2;
                } else {
                    v.append(c);
                    i++;
                }
            }
            i++;
            if (!key.isEmpty()) {
                p.put(key, v.toString());
            }
        }
        return p;
    }
}
