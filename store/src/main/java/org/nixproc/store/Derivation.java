package org.nixproc.store;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A store derivation: the build recipe that {@code derivation} writes to a {@code .drv} file, in
 * the ATerm text format of Nix 2.8.
 *
 * <p>The text must be byte-identical to what Nix writes, because its SHA-256 names the
 * {@code .drv} file and (via {@link DerivationHashes}) the outputs. Hence all maps and sets are
 * kept sorted in Nix's (byte) order, and {@link #toATerm()} escapes exactly the characters Nix
 * escapes ({@code " \ \n \r \t}); everything else, including non-ASCII text, is written raw.
 *
 * @param outputs   output name to output (path and fixed hash, if any)
 * @param inputDrvs path of each input derivation to the names of its outputs used
 * @param inputSrcs store paths used as sources (files added to the store, {@code toFile} results)
 * @param platform  the {@code system} to build on
 * @param builder   the program to run
 * @param args      its arguments, in order
 * @param env       its environment
 */
public record Derivation(
        SortedMap<String, DerivationOutput> outputs,
        SortedMap<String, SortedSet<String>> inputDrvs,
        SortedSet<String> inputSrcs,
        String platform,
        String builder,
        List<String> args,
        SortedMap<String, String> env) {

    /** Copies everything into immutable collections sorted in Nix's order. */
    public Derivation(Map<String, DerivationOutput> outputs,
            Map<String, ? extends Collection<String>> inputDrvs, Collection<String> inputSrcs,
            String platform, String builder, List<String> args, Map<String, String> env) {
        this(sortedMap(outputs), sortedInputDrvs(inputDrvs), sortedSet(inputSrcs), platform, builder,
                args, sortedMap(env));
    }

    public Derivation {
        outputs = sortedMap(outputs);
        inputDrvs = sortedInputDrvs(inputDrvs);
        inputSrcs = sortedSet(inputSrcs);
        args = List.copyOf(args);
        env = sortedMap(env);
        if (platform == null || builder == null) {
            throw new NullPointerException("platform and builder are required");
        }
    }

    private static <V> SortedMap<String, V> sortedMap(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>(Utf8Order.COMPARATOR);
        copy.putAll(map);
        return Collections.unmodifiableSortedMap(copy);
    }

    private static SortedSet<String> sortedSet(Collection<String> set) {
        TreeSet<String> copy = new TreeSet<>(Utf8Order.COMPARATOR);
        copy.addAll(set);
        return Collections.unmodifiableSortedSet(copy);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, SortedSet<String>> sortedInputDrvs(
            Map<String, ? extends Collection<String>> inputDrvs) {
        // putAll copies a map already sorted so without comparing keys (a profile has thousands).
        TreeMap<String, Collection<String>> copy = new TreeMap<>(Utf8Order.COMPARATOR);
        copy.putAll(inputDrvs);
        copy.replaceAll((k, v) -> sortedSet(v));
        return Collections.unmodifiableSortedMap((SortedMap<String, SortedSet<String>>) (SortedMap<String, ?>) copy);
    }

    /**
     * Whether this is a fixed-output derivation: a single output {@code out} whose contents are
     * fixed by a hash. Such derivations are hashed by their output alone, which is what lets a
     * fetcher's recipe change without rebuilding everything that depends on it.
     */
    public boolean isFixedOutput() {
        DerivationOutput out = outputs.get("out");
        return outputs.size() == 1 && out != null && out.isFixed();
    }

    /** A copy with other outputs and environment. */
    public Derivation withOutputsAndEnv(Map<String, DerivationOutput> newOutputs,
            Map<String, String> newEnv) {
        return new Derivation(newOutputs, inputDrvs, inputSrcs, platform, builder, args, newEnv);
    }

    // ---------------------------------------------------------------- writing

    /** The {@code .drv} file text, exactly as Nix 2.8 writes it. */
    public String toATerm() {
        return toATerm(inputDrvs);
    }

    /**
     * The text with {@code otherInputDrvs} (sorted as {@link #inputDrvs} is) in place of the input
     * derivations, as the hash modulo takes it, without copying the derivation for it.
     */
    public String toATerm(SortedMap<String, ? extends Collection<String>> otherInputDrvs) {
        // Sized for the environment, which holds most of the text (scripts, file lists).
        int size = 256 + 100 * otherInputDrvs.size();
        for (String v : env.values()) {
            size += v.length() + 32;
        }
        StringBuilder sb = new StringBuilder(size).append("Derive([");
        boolean first = true;
        for (Map.Entry<String, DerivationOutput> e : outputs.entrySet()) {
            sb.append(first ? "(" : ",(");
            first = false;
            DerivationOutput o = e.getValue();
            quote(sb, e.getKey()).append(',');
            quote(sb, o.path()).append(',');
            quote(sb, o.hashAlgo()).append(',');
            quote(sb, o.hash()).append(')');
        }
        sb.append("],[");
        first = true;
        for (Map.Entry<String, ? extends Collection<String>> e : otherInputDrvs.entrySet()) {
            sb.append(first ? "(" : ",(");
            first = false;
            quote(sb, e.getKey()).append(',');
            list(sb, e.getValue()).append(')');
        }
        sb.append("],");
        list(sb, inputSrcs).append(',');
        quote(sb, platform).append(',');
        quote(sb, builder).append(',');
        list(sb, args).append(",[");
        first = true;
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(first ? "(" : ",(");
            first = false;
            quote(sb, e.getKey()).append(',');
            quote(sb, e.getValue()).append(')');
        }
        return sb.append("])").toString();
    }

    private static StringBuilder list(StringBuilder sb, Collection<String> items) {
        sb.append('[');
        boolean first = true;
        for (String s : items) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, s);
        }
        return sb.append(']');
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        // Runs without escapes (most strings are one) are copied whole.
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            String escape = escape(s.charAt(i));
            if (escape != null) {
                sb.append(s, from, i).append(escape);
                from = i + 1;
            }
        }
        return sb.append(s, from, s.length()).append('"');
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }

    // ---------------------------------------------------------------- reading

    /** Parses {@code .drv} file text; the inverse of {@link #toATerm()}. */
    public static Derivation parse(String text) {
        return new ATermReader(text).readDerivation();
    }
}
