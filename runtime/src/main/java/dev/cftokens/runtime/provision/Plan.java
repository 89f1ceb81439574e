package dev.cftokens.runtime.provision;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will do, one {@link PlannedChange} per declaration (and per recorded token no longer
 * declared), in declaration order, deletions last.
 *
 * @param changes one change per declaration, in declaration order, deletions last
 * @param warnings lines starting with {@code !} about things the plan leaves as they are but the user
 *     should know, such as a declared token that has expired
 */
public record Plan(List<PlannedChange> changes, List<String> warnings) {
    /**
     * Copies the components.
     *
     * @param changes one change per declaration, in declaration order, deletions last
     * @param warnings lines starting with {@code !} the user should know about
     */
    public Plan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /**
     * A plan with no warnings.
     *
     * @param changes one change per declaration, in declaration order, deletions last
     */
    public Plan(List<PlannedChange> changes) {
        this(changes, List.of());
    }

    /** {@return true when carrying the plan out changes anything in Cloudflare or in the state} */
    public boolean hasChanges() {
        return changes.stream().anyMatch(change -> change.kind() != ChangeKind.UNCHANGED);
    }

    /** {@return true when carrying it out sends at least one write request} */
    public boolean writes() {
        return changes.stream().anyMatch(change -> change.kind().writes());
    }

    /**
     * {@return how many changes of the plan are of {@code kind}}
     *
     * @param kind the kind to count
     */
    public long count(ChangeKind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    /** {@return the summary line, such as {@code Plan: 1 to create, 0 to update, 0 to delete, 3 unchanged.}} */
    public String summary() {
        Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
        for (ChangeKind kind : ChangeKind.values()) {
            counts.put(kind, count(kind));
        }
        StringBuilder line = new StringBuilder("Plan: ")
                .append(counts.get(ChangeKind.CREATE))
                .append(" to create, ");
        if (counts.get(ChangeKind.ADOPT) > 0) {
            line.append(counts.get(ChangeKind.ADOPT)).append(" to adopt, ");
        }
        line.append(counts.get(ChangeKind.UPDATE)).append(" to update, ");
        if (counts.get(ChangeKind.ROTATE) + counts.get(ChangeKind.RETIRE) > 0) {
            line.append(counts.get(ChangeKind.ROTATE))
                    .append(" to rotate, ")
                    .append(counts.get(ChangeKind.RETIRE))
                    .append(" to retire, ");
        }
        return line.append(counts.get(ChangeKind.REPLACE))
                .append(" to replace, ")
                .append(counts.get(ChangeKind.DELETE))
                .append(" to delete, ")
                .append(counts.get(ChangeKind.DRIFTED_CHANGED) + counts.get(ChangeKind.DRIFTED_DELETED))
                .append(" drifted, ")
                .append(counts.get(ChangeKind.UNCHANGED))
                .append(" unchanged.")
                .toString();
    }

    /** {@return every change as {@link PlannedChange#render()} shows it, then the warnings, then the summary} */
    public String render() {
        StringBuilder text = new StringBuilder();
        changes.forEach(change -> text.append(change.render()).append('\n'));
        warnings.forEach(warning -> text.append(warning).append('\n'));
        return text.append(summary()).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
