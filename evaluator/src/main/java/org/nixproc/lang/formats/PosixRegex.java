package org.nixproc.lang.formats;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A POSIX extended regular expression as Nix 2.8 runs it (libstdc++'s {@code std::regex} with
 * {@code std::regex::extended}), translated into a java.util.regex pattern over byte strings
 * (one char per byte, so '.' matches one byte). The parser accepts and rejects what libstdc++
 * does: escaping an ordinary character (<code>\&#125;</code>, {@code \-}, {@code \n}) is an
 * error, a backslash inside brackets is literal, a lone <code>&#125;</code> or {@code ]} is
 * literal, quantifiers stack ({@code a**}; {@code a+?} means "(a+) optionally", not laziness),
 * class names include {@code [:w:]}, {@code [:d:]}, {@code [:s:]}, ranges compare bytes as
 * signed chars, and counts in braces wrap around as C ints. It also counts the NFA states
 * libstdc++ would build, to report its "memory limit exceeded" for the same regexes.
 *
 * <p>libstdc++ matches depth first like Java, greedy parts first and left branches first, so
 * whole-string matches agree. When searching, though, it tries every branch of an alternation
 * and keeps the longest match; a pattern whose alternation branches can match at the same place
 * ({@link #longestMatters}) therefore has its Java match extended to the longest one
 * ({@link #longest}). Java ends a loop after a round that matched nothing where libstdc++ goes
 * on, so {n,m} of something that can match empty is written out ({@code PosixRegexParser.unrolled}).
 * Known differences, in contrived patterns only: when searching, libstdc++ stops trying shorter
 * repetitions once any match is found, so it can return a shorter match than the longest one
 * found here; and in a loop (*, +, {n,}) over something that can match empty, libstdc++ allows
 * a second empty round, which can change the groups.
 */
public final class PosixRegex {
    /** A regex libstdc++ rejects; {@code tooBig} when it is over the NFA state limit. */
    public static final class Invalid extends Exception {
        public final boolean tooBig;

        Invalid(boolean tooBig) {
            super(null, null, false, false);
            this.tooBig = tooBig;
        }
    }

    private static final int CACHE_LIMIT = 10_000;
    /** Compiled regexes and rejections by source text, as Nix caches them. */
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private final Pattern pattern;
    private final int groupCount;
    /** The POSIX group of each Java group: a group inside an unrolled repetition is in Java several times. */
    private final int[] posixGroups;
    private final boolean longestMatters;
    private final Ast ast;

    PosixRegex(Pattern pattern, int groupCount, int[] posixGroups, boolean longestMatters, Ast ast) {
        this.pattern = pattern;
        this.groupCount = groupCount;
        this.posixGroups = posixGroups;
        this.longestMatters = longestMatters;
        this.ast = ast;
    }

    /** The regex for a source text (a byte string), from the cache when seen before. */
    public static PosixRegex compile(String regex) throws Invalid {
        Object cached = CACHE.get(regex);
        if (cached == null) {
            try {
                cached = new PosixRegexParser(regex).parse();
            } catch (Invalid e) {
                cached = e;
            }
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(regex, cached);
        }
        if (cached instanceof Invalid e) {
            throw e;
        }
        return (PosixRegex) cached;
    }

    /** The group spans of a match of the whole text (std::regex_match), or null. */
    public int[] matchWhole(String text) {
        Matcher m = pattern.matcher(text);
        return m.matches() ? spans(m) : null;
    }

    /**
     * std::regex_search from {@code from}: the span of the match and of its groups (start and
     * end pairs, -1 for a group that did not take part), or null. {@code continuousNonEmpty}
     * asks for a non-empty match starting at {@code from}; {@code prevAvail} says there is text
     * before {@code from}, so that {@code ^} does not match there.
     */
    public int[] search(String text, int from, boolean continuousNonEmpty, boolean prevAvail) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(!prevAvail);
        m.region(from, text.length());
        if (!(continuousNonEmpty ? m.lookingAt() : m.find())) {
            return null;
        }
        int[] found = spans(m);
        if (longestMatters || (continuousNonEmpty && found[1] == found[0])) {
            found = longest(text, found);
        }
        return continuousNonEmpty && found[1] == found[0] ? null : found;
    }

    /**
     * The longest match at the start of {@code found}: libstdc++ explores both sides of every
     * alternation and keeps the match that ends last (the first one found among equals). The
     * ends a match can have are found by following all paths at once; Java then gives the
     * groups of its first way to match exactly up to the last of them.
     */
    private int[] longest(String text, int[] found) {
        int start = found[0];
        BitSet from = new BitSet();
        from.set(0);
        int last = ends(ast, from, text, start).length() - 1 + start;
        if (last > found[1]) {
            Matcher m = pattern.matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            m.region(start, last);
            if (m.matches()) {
                return spans(m);
            }
        }
        return found;
    }

    /** The spans of the POSIX groups; of copies of a group, the last that matched made it. */
    private int[] spans(Matcher m) {
        int[] s = new int[2 * (groupCount + 1)];
        java.util.Arrays.fill(s, -1);
        s[0] = m.start();
        s[1] = m.end();
        for (int j = 1; j <= posixGroups.length; j++) {
            if (m.start(j) >= 0) {
                s[2 * posixGroups[j - 1]] = m.start(j);
                s[2 * posixGroups[j - 1] + 1] = m.end(j);
            }
        }
        return s;
    }

    /** The regex as a tree, for {@link #ends}: groups are plain sequences there. */
    sealed interface Ast permits Chars, Anchor, Seq, Alt, Rep {
    }

    record Chars(BitSet set) implements Ast {
    }

    /** ^ (begin) or $. */
    record Anchor(boolean begin) implements Ast {
    }

    record Seq(Ast[] items) implements Ast {
    }

    record Alt(Ast[] branches) implements Ast {
    }

    /** min copies, then up to extra more (-1: any number). */
    record Rep(Ast body, long min, long extra) implements Ast {
    }

    /**
     * Where matches of {@code a} starting at any of the positions {@code from} can end;
     * positions are offsets from {@code base} in {@code text}.
     */
    private static BitSet ends(Ast a, BitSet from, String text, int base) {
        int n = text.length() - base;
        if (a instanceof Chars c) {
            BitSet out = new BitSet();
            for (int p = from.nextSetBit(0); p >= 0 && p < n; p = from.nextSetBit(p + 1)) {
                if (c.set().get(text.charAt(base + p))) {
                    out.set(p + 1);
                }
            }
            return out;
        }
        if (a instanceof Anchor anchor) {
            int at = anchor.begin() ? -base : n;
            BitSet out = new BitSet();
            if (at >= 0 && from.get(at)) {
                out.set(at);
            }
            return out;
        }
        if (a instanceof Seq seq) {
            BitSet cur = from;
            for (Ast item : seq.items()) {
                if (cur.isEmpty()) {
                    break;
                }
                cur = ends(item, cur, text, base);
            }
            return cur;
        }
        if (a instanceof Alt alt) {
            BitSet out = new BitSet();
            for (Ast branch : alt.branches()) {
                out.or(ends(branch, from, text, base));
            }
            return out;
        }
        Rep rep = (Rep) a;
        BitSet cur = from;
        for (long i = 0; i < rep.min() && !cur.isEmpty(); i++) {
            cur = ends(rep.body(), cur, text, base);
        }
        // A position reached again after more copies allows fewer further copies: skip it.
        BitSet all = (BitSet) cur.clone();
        for (long i = 0; (rep.extra() < 0 || i < rep.extra()) && !cur.isEmpty(); i++) {
            cur = (BitSet) ends(rep.body(), cur, text, base).clone(); // results may share their input
            cur.andNot(all);
            all.or(cur);
        }
        return all;
    }
}
