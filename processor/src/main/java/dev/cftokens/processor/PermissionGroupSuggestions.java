package dev.cftokens.processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * "Did you mean" for permission-group names: a bounded search over the catalog's names that forgives
 * case and punctuation, the dashboard's "Edit" for the API's "Write", and a few typos. It suggests
 * nothing rather than something far off.
 */
final class PermissionGroupSuggestions {
    /** At most this many names are suggested, the closest first. */
    static final int MAX_SUGGESTIONS = 3;

    private final List<Candidate> candidates;

    PermissionGroupSuggestions(Collection<String> names) {
        candidates = new ArrayList<>(names.size());
        for (String name : names) {
            candidates.add(new Candidate(name, normalize(name, false)));
        }
    }

    /** The closest catalog names to {@code unknown}, best first; empty when none is close enough. */
    List<String> suggest(String unknown) {
        String plain = normalize(unknown, false);
        // The dashboard labels write access "Edit"; the API names the same groups "... Write".
        String dashboard = normalize(unknown, true);
        int limit = threshold(plain.length());
        int best = limit + 1;
        TreeSet<String> closest = new TreeSet<>();
        for (Candidate candidate : candidates) {
            int distance = Math.min(
                    distance(plain, candidate.normalized, Math.min(best, limit)),
                    distance(dashboard, candidate.normalized, Math.min(best, limit)));
            if (distance < best) {
                best = distance;
                closest.clear();
            }
            if (distance == best && distance <= limit) {
                closest.add(candidate.name);
            }
        }
        List<String> result = new ArrayList<>(closest);
        return result.subList(0, Math.min(MAX_SUGGESTIONS, result.size()));
    }

    /** How many edits a name of this (normalized) length may be away and still be suggested. */
    static int threshold(int length) {
        if (length <= 4) {
            return 1;
        }
        if (length <= 10) {
            return 2;
        }
        return 3;
    }

    /** Lower case, letters and digits only; with {@code dashboard}, the word "edit" read as "write". */
    static String normalize(String name, boolean dashboard) {
        StringBuilder normalized = new StringBuilder(name.length());
        for (String word : name.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
            normalized.append(dashboard && word.equals("edit") ? "write" : word);
        }
        return normalized.toString();
    }

    /**
     * Levenshtein distance of {@code a} and {@code b}, or {@code bound + 1} as soon as it is certain to
     * exceed {@code bound}: the search only cares about close names, so it stops early on the rest.
     */
    static int distance(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], bound + 1);
    }

    private record Candidate(String name, String normalized) {}
}
