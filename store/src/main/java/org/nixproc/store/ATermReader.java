package org.nixproc.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ATerm text of a {@code .drv} file. Package-private: {@link Derivation#parse} is the
 * entry point. It accepts exactly the shape Nix writes (no whitespace), since {@code .drv} files
 * are machine-written, and reports the first point where the text departs from it.
 */
final class ATermReader {

    private final String text;
    private int pos;

    ATermReader(String text) {
        this.text = text;
    }

    Derivation readDerivation() {
        expect("Derive([");
        Map<String, DerivationOutput> outputs = new LinkedHashMap<>();
        for (boolean first = true; more(first); first = false) {
            expect("(");
            String name = string();
            expect(",");
            String path = string();
            expect(",");
            String hashAlgo = string();
            expect(",");
            String hash = string();
            expect(")");
            outputs.put(name, new DerivationOutput(path, hashAlgo, hash));
        }
        expect(",[");
        Map<String, List<String>> inputDrvs = new LinkedHashMap<>();
        for (boolean first = true; more(first); first = false) {
            expect("(");
            String path = string();
            expect(",[");
            inputDrvs.put(path, stringsUntilEnd());
            expect(")");
        }
        expect(",[");
        List<String> inputSrcs = stringsUntilEnd();
        expect(",");
        String platform = string();
        expect(",");
        String builder = string();
        expect(",[");
        List<String> args = stringsUntilEnd();
        expect(",[");
        Map<String, String> env = new LinkedHashMap<>();
        for (boolean first = true; more(first); first = false) {
            expect("(");
            String name = string();
            expect(",");
            env.put(name, string());
            expect(")");
        }
        expect(")");
        if (pos != text.length()) {
            throw error("unexpected text after derivation");
        }
        return new Derivation(outputs, inputDrvs, inputSrcs, platform, builder, args, env);
    }

    /**
     * In a list whose opening bracket has been read: false (consuming the bracket) at its end,
     * otherwise true after consuming the comma that must precede every item but the first.
     */
    private boolean more(boolean first) {
        if (peek() == ']') {
            pos++;
            return false;
        }
        if (!first) {
            expect(",");
        }
        return true;
    }

    private List<String> stringsUntilEnd() {
        List<String> items = new ArrayList<>();
        for (boolean first = true; more(first); first = false) {
            items.add(string());
        }
        return items;
    }

    private String string() {
        expect("\"");
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(pos++);
                // The writer escapes only these; any other escaped character stands for itself.
                sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
            } else {
                sb.append(c);
            }
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of derivation");
        }
        return text.charAt(pos);
    }

    private void expect(String s) {
        if (!text.startsWith(s, pos)) {
            throw error("expected string '" + s + "'");
        }
        pos += s.length();
    }

    private StoreException error(String message) {
        return new StoreException("error parsing derivation at offset " + pos + ": " + message);
    }
}
