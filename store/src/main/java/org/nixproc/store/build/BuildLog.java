package org.nixproc.store.build;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a builder's output goes: shown as it comes (unless the log is hidden, as with
 * {@code nix-build -Q}) and remembered as its last lines, for the "last 10 log lines" of a
 * failure. Lines are byte strings (one char per byte); a carriage return rewinds the current line
 * as on a terminal, which is how progress bars end up as one line.
 */
final class BuildLog extends OutputStream {
    /** How many lines a failure shows, as Nix's default log-lines setting. */
    static final int TAIL_LINES = 10;

    private final PrintStream shown;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder();
    private int linePos;

    /** @param shown where output is copied as it comes, or null to only remember it */
    BuildLog(PrintStream shown) {
        this.shown = shown;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (shown != null) {
            shown.write(b, off, len);
            shown.flush();
        }
        for (int i = off; i < off + len; i++) {
            char c = (char) (b[i] & 0xff);
            if (c == '\n') {
                endLine();
            } else if (c == '\r') {
                linePos = 0;
            } else {
                if (linePos < line.length()) {
                    line.setCharAt(linePos, c);
                } else {
                    line.append(c);
                }
                linePos++;
            }
        }
    }

    private void endLine() {
        tail.addLast(line.toString());
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        line.setLength(0);
        linePos = 0;
    }

    /** Ends an unterminated last line, once the builder is done. */
    synchronized void finish() {
        if (line.length() > 0) {
            endLine();
        }
    }

    /** The last lines (at most {@value #TAIL_LINES}). */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** A print stream onto this log, for Java builders. */
    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }
}
