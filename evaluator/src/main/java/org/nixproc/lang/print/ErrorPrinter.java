package org.nixproc.lang.print;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.TraceFrame;

/**
 * Errors printed the way Nix 2.8 prints them: "error: " and the message, the position with the
 * lines of code around it and a caret, a "Did you mean" hint, and with --show-trace the
 * "… while evaluating" frames, outermost last; every following line indented by seven spaces.
 */
public final class ErrorPrinter {
    private static final String INDENT = "       ";
    private static final String ELLIPSIS = Bytes.fromJava("…");

    private ErrorPrinter() {
    }

    public static String format(NixError e, boolean showTrace) {
        if (e instanceof org.nixproc.lang.eval.UsageError) {
            return "error: " + e.getMessage() + "\nTry 'nix-instantiate --help' for more information.";
        }
        StringBuilder body = new StringBuilder();
        body.append(e.getMessage()).append('\n');
        position(body, e.pos());
        if (e.hint() != null) {
            body.append(e.hint()).append('\n');
        }
        List<TraceFrame> trace = e.trace();
        if (showTrace) {
            for (TraceFrame f : trace) {
                body.append("\n").append(ELLIPSIS).append(' ').append(f.message()).append('\n');
                position(body, f.pos());
            }
        }
        String text = indent(chomp(body.toString()));
        if (!showTrace && !trace.isEmpty()) {
            text += "\n(use '--show-trace' to show detailed location information)";
        }
        return expandTabs(text);
    }

    /**
     * Tabs become spaces up to the next multiple of eight, counting characters from the start of
     * the whole message, not of the line: Nix filters its message as if it were one line.
     */
    private static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                out.append(' ');
                w++;
                while (w % 8 != 0) {
                    out.append(' ');
                    w++;
                }
            } else {
                out.append(c);
                if ((c & 0xC0) != 0x80) {
                    w++;
                }
            }
        }
        return out.toString();
    }

    private static void position(StringBuilder body, Pos pos) {
        if (pos == null || !pos.isKnown()) {
            return;
        }
        body.append("\nat ").append(pos).append(':');
        String[] lines = codeLines(pos);
        if (lines != null) {
            body.append('\n');
            if (lines[0] != null) {
                body.append('\n').append(String.format(" %5d| %s", pos.line() - 1, lines[0]));
            }
            body.append('\n').append(String.format(" %5d| %s", pos.line(), lines[1]));
            if (pos.column() > 0) {
                body.append('\n').append("      |").append(" ".repeat(pos.column())).append('^');
            }
            if (lines[2] != null) {
                body.append('\n').append(String.format(" %5d| %s", pos.line() + 1, lines[2]));
            }
            body.append('\n');
        }
    }

    /**
     * The line before, the line of, and the line after a position, or null when the error line
     * cannot be read. As in Nix, a file's last line counts only if a newline ends it.
     */
    private static String[] codeLines(Pos pos) {
        String text;
        boolean file = pos.source().isFile();
        if (file) {
            try {
                text = Bytes.fromArray(Files.readAllBytes(Bytes.path(pos.source().origin())));
            } catch (IOException e) {
                return null;
            }
        } else {
            text = pos.source().text();
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                if (!file && start < text.length()) {
                    lines.add(text.substring(start));
                }
                break;
            }
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        int l = pos.line();
        if (l > lines.size()) {
            return null;
        }
        return new String[] {l >= 2 ? lines.get(l - 2) : null, lines.get(l - 1), l < lines.size() ? lines.get(l) : null};
    }

    private static String chomp(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String indent(String s) {
        StringBuilder out = new StringBuilder();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
                if (!lines[i].isEmpty()) {
                    out.append(INDENT);
                }
            } else {
                out.append("error: ");
            }
            out.append(lines[i]);
        }
        return out.toString();
    }
}
