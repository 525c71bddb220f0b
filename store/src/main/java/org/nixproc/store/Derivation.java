package org.nixproc.store;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * kept sorted in Nix's (byte) order, and {@link ATermWriter} escapes exactly what Nix escapes.
 *
 * <p>Its collections are immutable; a copy that changes some parts shares the others.
 */
public final class Derivation {
    private final SortedMap<String, DerivationOutput> outputs;
    private final SortedMap<String, SortedSet<String>> inputDrvs;
    private final SortedSet<String> inputSrcs;
    private final String platform;
    private final String builder;
    private final List<String> args;
    private final SortedMap<String, String> env;

    /**
     * Copies everything into immutable collections sorted in Nix's order.
     *
     * @param outputs   output name to output (path and fixed hash, if any)
     * @param inputDrvs path of each input derivation to the names of its outputs used
     * @param inputSrcs store paths used as sources (files added to the store, {@code toFile} results)
     * @param platform  the {@code system} to build on
     * @param builder   the program to run
     * @param args      its arguments, in order
     * @param env       its environment
     */
    public Derivation(Map<String, DerivationOutput> outputs,
            Map<String, ? extends Collection<String>> inputDrvs, Collection<String> inputSrcs,
            String platform, String builder, List<String> args, Map<String, String> env) {
        this(sortedMap(outputs), sortedInputDrvs(inputDrvs), sortedSet(inputSrcs), platform, builder,
                List.copyOf(args), sortedMap(env));
    }

    /**
     * A derivation over collections that the caller hands over: sorted in Nix's order
     * ({@link Utf8Order}) and not changed by it afterwards. Nothing is copied, as for the
     * thousands of derivations an evaluation makes.
     */
    static Derivation adopt(SortedMap<String, DerivationOutput> outputs, SortedMap<String, SortedSet<String>> inputDrvs,
            SortedSet<String> inputSrcs, String platform, String builder, List<String> args,
            SortedMap<String, String> env) {
        assert outputs.comparator() == Utf8Order.COMPARATOR && inputDrvs.comparator() == Utf8Order.COMPARATOR
                && inputSrcs.comparator() == Utf8Order.COMPARATOR && env.comparator() == Utf8Order.COMPARATOR;
        inputDrvs.replaceAll((path, outputNames) -> Collections.unmodifiableSortedSet(outputNames));
        return new Derivation(Collections.unmodifiableSortedMap(outputs), Collections.unmodifiableSortedMap(inputDrvs),
                Collections.unmodifiableSortedSet(inputSrcs), platform, builder, Collections.unmodifiableList(args),
                Collections.unmodifiableSortedMap(env));
    }

    // Takes immutable collections (this class's own): the public constructor copies.
    private Derivation(SortedMap<String, DerivationOutput> outputs, SortedMap<String, SortedSet<String>> inputDrvs,
            SortedSet<String> inputSrcs, String platform, String builder, List<String> args,
            SortedMap<String, String> env) {
        if (platform == null || builder == null) {
            throw new NullPointerException("platform and builder are required");
        }
        this.outputs = outputs;
        this.inputDrvs = inputDrvs;
        this.inputSrcs = inputSrcs;
        this.platform = platform;
        this.builder = builder;
        this.args = args;
        this.env = env;
    }

    /** Output name to output (path and fixed hash, if any). */
    public SortedMap<String, DerivationOutput> outputs() {
        return outputs;
    }

    /** Path of each input derivation to the names of its outputs used. */
    public SortedMap<String, SortedSet<String>> inputDrvs() {
        return inputDrvs;
    }

    /** Store paths used as sources (files added to the store, {@code toFile} results). */
    public SortedSet<String> inputSrcs() {
        return inputSrcs;
    }

    /** The {@code system} to build on. */
    public String platform() {
        return platform;
    }

    /** The program to run. */
    public String builder() {
        return builder;
    }

    /** Its arguments, in order. */
    public List<String> args() {
        return args;
    }

    /** Its environment. */
    public SortedMap<String, String> env() {
        return env;
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

    private static SortedMap<String, SortedSet<String>> sortedInputDrvs(
            Map<String, ? extends Collection<String>> inputDrvs) {
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>(Utf8Order.COMPARATOR);
        inputDrvs.forEach((k, v) -> copy.put(k, sortedSet(v)));
        return Collections.unmodifiableSortedMap(copy);
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
        return new Derivation(sortedMap(newOutputs), inputDrvs, inputSrcs, platform, builder, args,
                sortedMap(newEnv));
    }

    /** {@link #withOutputsAndEnv} with maps sorted in Nix's order that the caller hands over (see {@link #adopt}). */
    Derivation adoptingOutputsAndEnv(SortedMap<String, DerivationOutput> newOutputs, SortedMap<String, String> newEnv) {
        assert newOutputs.comparator() == Utf8Order.COMPARATOR && newEnv.comparator() == Utf8Order.COMPARATOR;
        return new Derivation(Collections.unmodifiableSortedMap(newOutputs), inputDrvs, inputSrcs, platform, builder,
                args, Collections.unmodifiableSortedMap(newEnv));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Derivation d && outputs.equals(d.outputs) && inputDrvs.equals(d.inputDrvs)
                && inputSrcs.equals(d.inputSrcs) && platform.equals(d.platform) && builder.equals(d.builder)
                && args.equals(d.args) && env.equals(d.env);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outputs, inputDrvs, inputSrcs, platform, builder, args, env);
    }

    /** The ATerm text. */
    @Override
    public String toString() {
        return toATerm();
    }

    // ---------------------------------------------------------------- writing

    /** The {@code .drv} file text, exactly as Nix 2.8 writes it. */
    public String toATerm() {
        return new ATermWriter().write(this, inputDrvs).text();
    }

    // ---------------------------------------------------------------- reading

    /** Parses {@code .drv} file text; the inverse of {@link #toATerm()}. */
    public static Derivation parse(String text) {
        return new ATermReader(text).readDerivation();
    }
}
