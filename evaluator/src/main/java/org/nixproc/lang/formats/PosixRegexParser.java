package org.nixproc.lang.formats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.nixproc.lang.formats.PosixRegex.Alt;
import org.nixproc.lang.formats.PosixRegex.Anchor;
import org.nixproc.lang.formats.PosixRegex.Ast;
import org.nixproc.lang.formats.PosixRegex.Chars;
import org.nixproc.lang.formats.PosixRegex.Invalid;
import org.nixproc.lang.formats.PosixRegex.Rep;
import org.nixproc.lang.formats.PosixRegex.Seq;

/**
 * Compiles a {@link PosixRegex}: recursive descent over the ERE grammar, as libstdc++'s
 * _Compiler reads it, building the Java pattern, the tree for the longest-match search and the
 * count of NFA states libstdc++ would insert.
 */
final class PosixRegexParser {
    /** _GLIBCXX_REGEX_STATE_LIMIT. */
    private static final long STATE_LIMIT = 100_000;
    /** The most copies of a repeated piece written out in the Java pattern (see unrolled). */
    private static final int MAX_UNROLLED = 256;
    /** The characters an ERE backslash may quote (libstdc++'s _M_extended_spec_char). */
    private static final String SPECIAL = ".[\\()*+?{|^$";

    /** POSIX collating element names of the ASCII characters, indexed by code, as libstdc++ knows them. */
    private static final String[] COLLATING_NAMES = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "alert", "backspace", "tab", "newline",
        "vertical-tab", "form-feed", "carriage-return", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4",
        "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "IS4", "IS3", "IS2", "IS1", "space",
        "exclamation-mark", "quotation-mark", "number-sign", "dollar-sign", "percent-sign", "ampersand",
        "apostrophe", "left-parenthesis", "right-parenthesis", "asterisk", "plus-sign", "comma", "hyphen",
        "period", "slash", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "colon", "semicolon", "less-than-sign", "equals-sign", "greater-than-sign", "question-mark",
        "commercial-at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P",
        "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "left-square-bracket", "backslash",
        "right-square-bracket", "circumflex", "underscore", "grave-accent", "a", "b", "c", "d", "e", "f",
        "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y",
        "z", "left-curly-bracket", "vertical-line", "right-curly-bracket", "tilde", "DEL",
    };

    /** A parsed piece: its Java text, its tree, and what the search and the state limit need to know. */
    private record Node(String java, Ast ast, boolean atom, boolean nullable, BitSet first,
            boolean longestMatters, long states, int[] groups) {
        boolean captures() {
            return groups.length > 0;
        }
    }

    private final String re;
    private int pos;
    private int groups;
    /** NFA states libstdc++ has inserted so far: the first is the start of group 0. */
    private long states = 1;

    PosixRegexParser(String re) {
        this.re = re;
    }

    PosixRegex parse() throws Invalid {
        Node n = disjunction();
        if (pos < re.length()) {
            throw new Invalid(false); // a ')' or a quantifier with nothing to repeat
        }
        addStates(2); // subexpression end, accept
        Pattern p = Pattern.compile(n.java());
        return new PosixRegex(p, groups, n.groups(), n.longestMatters(), n.ast());
    }

    private void addStates(long n) throws Invalid {
        states += n;
        if (states > STATE_LIMIT) {
            throw new Invalid(true);
        }
    }

    private boolean more() {
        return pos < re.length();
    }

    private char peek() {
        return re.charAt(pos);
    }

    private Node disjunction() throws Invalid {
        Node first = alternative();
        if (!more() || peek() != '|') {
            return first;
        }
        List<Ast> branches = new ArrayList<>(List.of(first.ast()));
        StringBuilder java = new StringBuilder("(?:").append(first.java());
        boolean nullable = first.nullable();
        BitSet starts = (BitSet) first.first().clone();
        boolean longest = first.longestMatters() || first.nullable();
        long states = first.states();
        int[] ids = first.groups();
        while (more() && peek() == '|') {
            pos++;
            Node next = alternative();
            addStates(2); // the branches' common end and the alternative state
            states += next.states() + 2;
            ids = concat(ids, next.groups());
            branches.add(next.ast());
            java.append('|').append(next.java());
            // Java takes the first branch that leads to a match, libstdc++ the longest match:
            // they can differ when two branches can match at the same place.
            longest |= next.longestMatters() || next.nullable() || starts.intersects(next.first());
            nullable |= next.nullable();
            starts.or(next.first());
        }
        return new Node(java.append(')').toString(), new Alt(branches.toArray(new Ast[0])), true, nullable,
                starts, longest, states, ids);
    }

    /** Terms up to '|', ')' or the end; libstdc++ ends each alternative with a dummy state. */
    private Node alternative() throws Invalid {
        List<Ast> items = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        boolean nullable = true;
        BitSet starts = new BitSet(256);
        boolean longest = false;
        long states = 1;
        int[] ids = new int[0];
        Node term;
        while ((term = term()) != null) {
            items.add(term.ast());
            java.append(term.java());
            if (nullable) {
                starts.or(term.first());
            }
            nullable &= term.nullable();
            longest |= term.longestMatters();
            states += term.states();
            ids = concat(ids, term.groups());
        }
        addStates(1);
        return new Node(java.toString(), new Seq(items.toArray(new Ast[0])), false, nullable, starts, longest,
                states, ids);
    }

    /** An assertion, or an atom with its quantifiers; null when none starts here. */
    private Node term() throws Invalid {
        if (!more()) {
            return null;
        }
        char c = peek();
        if (c == '^' || c == '$') {
            // A quantifier cannot follow an assertion: it is then left over, an error.
            pos++;
            addStates(1);
            return new Node(c == '^' ? "\\A" : "\\z", new Anchor(c == '^'), false, true, new BitSet(256),
                    false, 1, new int[0]);
        }
        Node atom = atom();
        if (atom == null) {
            return null;
        }
        while (more()) {
            Node q = quantified(atom);
            if (q == null) {
                break;
            }
            atom = q;
        }
        return atom;
    }

    private Node atom() throws Invalid {
        char c = peek();
        switch (c) {
            case '.': {
                pos++;
                BitSet any = new BitSet(256);
                any.set(1, 256); // libstdc++'s POSIX '.' matches anything but NUL
                return charSet(any);
            }
            case '(': {
                pos++;
                int group = ++groups;
                addStates(1);
                Node inner = disjunction();
                if (!more() || peek() != ')') {
                    throw new Invalid(false);
                }
                pos++;
                addStates(1);
                return new Node("(" + inner.java() + ")", inner.ast(), true, inner.nullable(), inner.first(),
                        inner.longestMatters(), inner.states() + 2, concat(new int[] {group}, inner.groups()));
            }
            case '[':
                pos++;
                return charSet(bracket());
            case '\\': {
                pos++;
                if (!more() || SPECIAL.indexOf(peek()) < 0) {
                    throw new Invalid(false); // a lone backslash, or an escaped ordinary character
                }
                BitSet one = new BitSet(256);
                one.set(re.charAt(pos++));
                return charSet(one);
            }
            case ')', '*', '+', '?', '{', '|':
                return null;
            default: {
                pos++;
                BitSet one = new BitSet(256);
                one.set(c);
                return charSet(one);
            }
        }
    }

    private Node charSet(BitSet set) throws Invalid {
        addStates(1);
        return new Node(javaClass(set), new Chars(set), true, false, set, false, 1, new int[0]);
    }

    /** The atom with one more quantifier applied, or null when none follows. */
    private Node quantified(Node atom) throws Invalid {
        char c = peek();
        // Quantifiers stack in POSIX ("a**", "a+?"); in Java the second would change the first.
        String java = atom.atom() ? atom.java() : "(?:" + atom.java() + ")";
        if (atom.captures() && c != '?') {
            // A repeated group of fixed length runs in Java's GroupCurly, which records no empty
            // iteration and leaves the groups inside set by a failed attempt. An empty optional
            // part makes Java loop through the rest of the pattern instead, as libstdc++ does.
            java = java.substring(0, java.length() - 1) + "(?:)?)";
        }
        switch (c) {
            case '*':
            case '+':
                pos++;
                addStates(1);
                return repeated(atom, java + c, c == '*' ? 0 : 1, -1, atom.states() + 1);
            case '?':
                pos++;
                addStates(2);
                return repeated(atom, java + "?", 0, 1, atom.states() + 2);
            case '{':
                pos++;
                return interval(atom, java);
            default:
                return null;
        }
    }

    private static Node repeated(Node atom, String java, long min, long extra, long states) {
        return new Node(java, new Rep(atom.ast(), min, extra), false, min == 0 || atom.nullable(),
                atom.first(), atom.longestMatters(), states, atom.groups());
    }

    /**
     * {n}, {n,} or {n,m}. libstdc++ reads the counts as ints (wrapping around), then clones
     * the atom n times, and either once more under a loop or m-n times as optional copies.
     */
    private Node interval(Node atom, String java) throws Invalid {
        addStates(1); // the dummy the copies hang from
        Integer min = count();
        if (min == null) {
            throw new Invalid(false);
        }
        boolean infinite = false;
        long extra = 0;
        if (more() && peek() == ',') {
            pos++;
            Integer max = count();
            if (max == null) {
                infinite = true;
            } else {
                extra = (long) max - min;
            }
        }
        if (!more() || peek() != '}') {
            throw new Invalid(false);
        }
        pos++;
        long copies = Math.max(min, 0);
        long s = atom.states();
        long added = 1 + saturatingMul(copies, s);
        addStates(added - 1);
        if (infinite) {
            addStates(s + 1);
            added += s + 1;
        } else {
            if (extra < 0) {
                throw new Invalid(false);
            }
            long optional = 1 + saturatingMul(extra, s + 1);
            addStates(optional);
            added += optional;
        }
        if (atom.nullable() && !infinite && copies + extra > 1 && copies + extra <= MAX_UNROLLED) {
            return unrolled(atom, copies, extra, added);
        }
        String quant = infinite ? "{" + copies + ",}"
                : extra == 0 ? "{" + copies + "}" : "{" + copies + "," + (copies + extra) + "}";
        return repeated(atom, java + quant, copies, infinite ? -1 : extra, added);
    }

    /**
     * {n,m} of something that can match empty, written out: Java ends a loop after a round
     * that matched nothing, but libstdc++ makes n rounds and then tries each of the m-n
     * optional ones, nested, as its clones do. The copies of a group become separate Java
     * groups, mapped back to the one POSIX group.
     */
    private static Node unrolled(Node atom, long copies, long extra, long states) {
        String one = atom.atom() ? atom.java() : "(?:" + atom.java() + ")";
        StringBuilder java = new StringBuilder();
        int[] ids = new int[0];
        for (long i = 0; i < copies + extra; i++) {
            java.append(i < copies ? "" : "(?:").append(one);
            ids = concat(ids, atom.groups());
        }
        java.append(")?".repeat((int) extra));
        return new Node(java.toString(), new Rep(atom.ast(), copies, extra), false, true, atom.first(),
                atom.longestMatters(), states, ids);
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Digits of a brace, as an int wrapping around like libstdc++'s; null when none. */
    private Integer count() throws Invalid {
        if (more() && peek() >= '0' && peek() <= '9') {
            int v = 0;
            while (more() && peek() >= '0' && peek() <= '9') {
                v = v * 10 + (re.charAt(pos++) - '0');
            }
            return v;
        }
        if (more() && peek() != ',' && peek() != '}') {
            throw new Invalid(false); // anything else inside braces
        }
        return null;
    }

    private static long saturatingMul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE / 2 : a * b;
    }

    /** After '[': the bytes a bracket expression matches (libstdc++'s _BracketMatcher). */
    private BitSet bracket() throws Invalid {
        boolean negate = false;
        if (more() && peek() == '^') {
            negate = true;
            pos++;
        }
        BitSet set = new BitSet(256);
        // The last single character seen, which may start a range: -1 none, -2 a class.
        int last = -1;
        boolean start = true;
        while (true) {
            if (!more()) {
                throw new Invalid(false);
            }
            char c = re.charAt(pos++);
            if (c == ']' && !start) {
                break;
            }
            if (c == '[' && more() && (peek() == '.' || peek() == ':' || peek() == '=')) {
                char kind = re.charAt(pos++);
                String name = className(kind);
                if (kind == ':') {
                    addClass(set, name);
                    last = flush(set, last, -2);
                } else {
                    int ch = collatingElement(name);
                    if (kind == '.') {
                        last = flush(set, last, ch);
                    } else {
                        last = flush(set, last, -2);
                        set.set(ch);
                        if (Character.isLetter(ch)) {
                            set.set(Character.toLowerCase(ch));
                            set.set(Character.toUpperCase(ch));
                        }
                    }
                }
            } else if (c == '-' && !start) {
                if (more() && peek() == ']') {
                    pos++;
                    last = flush(set, last, '-');
                    break;
                }
                if (last == -2 || last == -1) {
                    throw new Invalid(false); // a class cannot start a range; a stray dash
                }
                int end = rangeEnd();
                if ((byte) last > (byte) end) {
                    throw new Invalid(false);
                }
                for (int b = 0; b < 256; b++) {
                    if ((byte) b >= (byte) last && (byte) b <= (byte) end) {
                        set.set(b);
                    }
                }
                last = -1;
            } else {
                last = flush(set, last, c);
            }
            start = false;
        }
        if (last >= 0) {
            set.set(last);
        }
        if (negate) {
            set.flip(0, 256);
        }
        return set;
    }

    /** Adds the pending character to the set and makes {@code next} the pending one. */
    private static int flush(BitSet set, int last, int next) {
        if (last >= 0) {
            set.set(last);
        }
        return next;
    }

    /** The end of a range after "x-": a single character (not a class or collating element). */
    private int rangeEnd() throws Invalid {
        if (!more()) {
            throw new Invalid(false);
        }
        char c = re.charAt(pos++);
        if (c == '[' && more() && (peek() == '.' || peek() == ':' || peek() == '=')) {
            throw new Invalid(false);
        }
        return c;
    }

    /** The name of "[:name:]" after its "[:": up to the delimiter, which must be followed by ']'. */
    private String className(char delimiter) throws Invalid {
        int end = re.indexOf(delimiter, pos);
        if (end < 0 || end + 1 >= re.length() || re.charAt(end + 1) != ']') {
            throw new Invalid(false);
        }
        String name = re.substring(pos, end);
        pos = end + 2;
        return name;
    }

    private static int collatingElement(String name) throws Invalid {
        for (int i = 0; i < COLLATING_NAMES.length; i++) {
            if (COLLATING_NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new Invalid(false);
    }

    /** A character class of the C locale (names are case-insensitive; w, d, s as in libstdc++). */
    private static void addClass(BitSet set, String name) throws Invalid {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        for (int c = 0; c < 128; c++) {
            boolean in = switch (n) {
                case "alnum" -> Character.isLetterOrDigit(c);
                case "alpha" -> Character.isLetter(c);
                case "blank" -> c == ' ' || c == '\t';
                case "cntrl" -> c < 32 || c == 127;
                case "digit", "d" -> c >= '0' && c <= '9';
                case "graph" -> c > 32 && c < 127;
                case "lower" -> c >= 'a' && c <= 'z';
                case "print" -> c >= 32 && c < 127;
                case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
                case "space", "s" -> c == ' ' || (c >= 9 && c <= 13);
                case "upper" -> c >= 'A' && c <= 'Z';
                case "xdigit" -> Character.digit(c, 16) >= 0;
                case "w" -> Character.isLetterOrDigit(c) || c == '_';
                default -> throw new Invalid(false);
            };
            if (in) {
                set.set(c);
            }
        }
    }

    /** A Java character class (or a single escaped character) for a set of bytes. */
    private static String javaClass(BitSet set) {
        if (set.cardinality() == 1) {
            return hex(set.nextSetBit(0));
        }
        if (set.isEmpty()) {
            return "(?:(?!))";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int lo = set.nextSetBit(0); lo >= 0; lo = set.nextSetBit(lo)) {
            int hi = set.nextClearBit(lo) - 1;
            sb.append(hex(lo));
            if (hi > lo) {
                sb.append('-').append(hex(hi));
            }
            lo = hi + 1;
        }
        return sb.append(']').toString();
    }

    private static String hex(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return String.valueOf((char) c);
        }
        return String.format("\\x%02x", c);
    }
}
