package org.nixproc.lang.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The "Did you mean …?" hint Nix adds to a missing attribute: names within a small edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The hint, or null if no name is close enough. */
    public static String didYouMean(String wanted, Collection<String> names) {
        List<String[]> close = new ArrayList<>();
        for (String n : names) {
            int d = distance(wanted, n);
            if (d <= 2) {
                close.add(new String[] {String.format("%08d", d), n});
            }
        }
        if (close.isEmpty()) {
            return null;
        }
        close.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
        List<String> best = close.stream().limit(5).map(a -> a[1]).toList();
        if (best.size() == 1) {
            return "Did you mean " + best.get(0) + "?";
        }
        return "Did you mean one of " + String.join(", ", best.subList(0, best.size() - 1)) + " or "
                + best.get(best.size() - 1) + "?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
