package org.nixproc.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.SortedMap;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * Writes a derivation in the ATerm text of Nix 2.8's {@code .drv} files, as UTF-8 bytes, into a
 * buffer kept from one derivation to the next. Making a derivation hashes it three times: blanked
 * (its output paths empty) and with the input derivations replaced by their hashes, for its
 * output paths; then with its output paths, for its .drv path; and so but with the input
 * derivations replaced, for its hash modulo. Those texts differ in few places: the blanked one is
 * written, and the others are hashed over the same bytes with those places written anew. No text
 * is built.
 *
 * <p>Strings are quoted escaping exactly what Nix escapes ({@code " \ \n \r \t}); everything
 * else, including non-ASCII text, is written raw.
 */
final class ATermWriter {
    /** For each ASCII character, the letter after the backslash that escapes it; 0: written as is. */
    private static final byte[] ESCAPES = new byte[0x80];

    static {
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
    }

    private byte[] buf = new byte[2048];
    private int len;
    /** Where the outputs and the input derivations written start and end. */
    private int outputsStart;
    private int outputsEnd;
    private int inputsStart;
    private int inputsEnd;
    /** The environment variables named after outputs: their names, and where their values start and end. */
    private String[] variables = new String[4];
    private int[] values = new int[8];
    private int variableCount;
    /** Reset by each digest. */
    private final MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();

    /**
     * Writes {@code drv} (replacing what was written before) with {@code inputDrvs} in place of
     * its own input derivations: the hash modulo names them by their hashes.
     */
    ATermWriter write(Derivation drv, SortedMap<String, ? extends Collection<String>> inputDrvs) {
        // forEach rather than entry iterators: those of unmodifiable maps wrap every entry.
        len = 0;
        ascii("Derive(");
        outputsStart = len;
        outputs(drv.outputs());
        outputsEnd = len;
        put(',');
        inputsStart = len;
        inputDrvs(inputDrvs);
        inputsEnd = len;
        put(',');
        list(drv.inputSrcs()).put(',');
        quote(drv.platform()).put(',');
        quote(drv.builder()).put(',');
        list(drv.args()).ascii(",[");
        variableCount = 0;
        drv.env().forEach((name, value) -> {
            separate().put('(');
            quote(name).put(',');
            int start = len;
            quote(value);
            if (drv.outputs().containsKey(name)) {
                variable(name, start);
            }
            put(')');
        });
        ascii("])");
        return this;
    }

    private void outputs(SortedMap<String, DerivationOutput> outputs) {
        put('[');
        outputs.forEach((name, o) -> {
            separate().put('(');
            quote(name).put(',');
            quote(o.path()).put(',');
            quote(o.hashAlgo()).put(',');
            quote(o.hash()).put(')');
        });
        put(']');
    }

    private void inputDrvs(SortedMap<String, ? extends Collection<String>> inputDrvs) {
        put('[');
        inputDrvs.forEach((path, outputNames) -> {
            separate().put('(');
            quote(path).put(',');
            list(outputNames).put(')');
        });
        put(']');
    }

    private void variable(String name, int start) {
        if (variableCount == variables.length) {
            variables = Arrays.copyOf(variables, 2 * variableCount);
            values = Arrays.copyOf(values, 4 * variableCount);
        }
        variables[variableCount] = name;
        values[2 * variableCount] = start;
        values[2 * variableCount + 1] = len;
        variableCount++;
    }

    /** The SHA-256 of what was written. */
    Hash sha256() {
        sha256.update(buf, 0, len);
        return Hash.of(HashAlgorithm.SHA256, sha256);
    }

    /**
     * The SHA-256 of what was written with {@code outputs} in place of the outputs written, and
     * their paths as the values of the environment variables named after them (as a derivation
     * made has them); with {@code inputDrvs} in place of the input derivations written unless
     * null. The replacements are written after the text, and the digest goes over both.
     */
    Hash sha256With(SortedMap<String, DerivationOutput> outputs,
            SortedMap<String, ? extends Collection<String>> inputDrvs) {
        int end = len;
        outputs(outputs);
        digest(0, outputsStart).digest(end, len);
        int from = outputsEnd;
        if (inputDrvs != null) {
            int start = len;
            inputDrvs(inputDrvs);
            digest(from, inputsStart).digest(start, len);
            from = inputsEnd;
        }
        for (int i = 0; i < variableCount; i++) {
            int start = len;
            quote(outputs.get(variables[i]).path());
            digest(from, values[2 * i]).digest(start, len);
            from = values[2 * i + 1];
        }
        digest(from, end);
        len = end;
        return Hash.of(HashAlgorithm.SHA256, sha256);
    }

    private ATermWriter digest(int from, int to) {
        sha256.update(buf, from, to - from);
        return this;
    }

    /** What was written, as text. */
    String text() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private ATermWriter list(Collection<String> items) {
        put('[');
        items.forEach(s -> separate().quote(s));
        return put(']');
    }

    // A comma before every element of a list but the first, which follows the '['.
    private ATermWriter separate() {
        return buf[len - 1] == '[' ? this : put(',');
    }

    private ATermWriter quote(String s) {
        // A character takes at most 3 bytes (a surrogate pair 4 for 2 chars); escapes take 2.
        room(3 * s.length() + 2);
        byte[] b = buf;
        int n = len;
        b[n++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escaped = ESCAPES[c];
                if (escaped != 0) {
                    b[n++] = '\\';
                    b[n++] = escaped;
                } else {
                    b[n++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[n++] = (byte) (0xc0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[n++] = (byte) (0xf0 | cp >> 18);
                b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // Not text; Java's UTF-8 encoder, which wrote .drv files before, writes '?'.
                b[n++] = '?';
            } else {
                b[n++] = (byte) (0xe0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        b[n++] = '"';
        len = n;
        return this;
    }

    private ATermWriter ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    private ATermWriter put(char c) {
        room(1);
        buf[len++] = (byte) c;
        return this;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
        }
    }
}
