package org.nixproc.lang.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The indentation rule of {@code ''…''} strings, as Nix 2.8 applies it: the smallest indentation
 * of the lines with text (interpolations and escapes count as text, whitespace-only lines do not)
 * is removed from every line, and a last line of only spaces is dropped.
 */
final class IndentedStrings {
    private IndentedStrings() {
    }

    /** A piece of an indented string: literal text (raw or from an escape) or an interpolation (text == null). */
    record Part(String text, boolean hasIndentation, Object interpolation) {
    }

    static List<Part> strip(List<Part> parts) {
        boolean atStartOfLine = true;
        int minIndent = 1000000;
        int curIndent = 0;
        for (Part p : parts) {
            if (p.text == null || !p.hasIndentation) {
                if (atStartOfLine) {
                    atStartOfLine = false;
                    minIndent = Math.min(minIndent, curIndent);
                }
                continue;
            }
            String s = p.text;
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                if (atStartOfLine) {
                    if (c == ' ') {
                        curIndent++;
                    } else if (c == '\n') {
                        curIndent = 0;
                    } else {
                        atStartOfLine = false;
                        minIndent = Math.min(minIndent, curIndent);
                    }
                } else if (c == '\n') {
                    atStartOfLine = true;
                    curIndent = 0;
                }
            }
        }

        List<Part> out = new ArrayList<>(parts.size());
        atStartOfLine = true;
        int curDropped = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p.text == null) {
                atStartOfLine = false;
                curDropped = 0;
                out.add(p);
                continue;
            }
            StringBuilder s2 = new StringBuilder();
            String s = p.text;
            for (int j = 0; j < s.length(); j++) {
                char c = s.charAt(j);
                if (atStartOfLine) {
                    if (c == ' ') {
                        if (curDropped++ >= minIndent) {
                            s2.append(c);
                        }
                    } else if (c == '\n') {
                        curDropped = 0;
                        s2.append(c);
                    } else {
                        atStartOfLine = false;
                        curDropped = 0;
                        s2.append(c);
                    }
                } else {
                    s2.append(c);
                    if (c == '\n') {
                        atStartOfLine = true;
                    }
                }
            }
            String text = s2.toString();
            if (i == parts.size() - 1) {
                int nl = text.lastIndexOf('\n');
                if (nl >= 0 && text.substring(nl + 1).chars().allMatch(ch -> ch == ' ')) {
                    text = text.substring(0, nl + 1);
                }
            }
            out.add(new Part(text, p.hasIndentation, null));
        }
        return out;
    }
}
