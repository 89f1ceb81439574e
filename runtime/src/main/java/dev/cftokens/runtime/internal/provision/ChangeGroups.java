package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's changes in the groups that must run one after another: changes to tokens of the same owner and
 * name (only those can be mistaken for each other by the look-up after a lost create), and every delete
 * alone. The delete of a declaration's leftover runs first in that declaration's group: a create of the
 * declaration would replace the pending create, the only trace of the leftover, before it is gone.
 */
final class ChangeGroups {
    /** What puts changes in one group. */
    private sealed interface Key {}

    private record SameName(TokenOwner owner, String name) implements Key {}

    private record OneDeclaration(String declarationId) implements Key {}

    private ChangeGroups() {}

    /** The groups, in the order of the plan's first change of each. */
    static Collection<List<PlannedChange>> of(Plan plan) {
        Map<Key, List<PlannedChange>> groups = new LinkedHashMap<>();
        Map<String, Key> groupOfDeclaration = new HashMap<>();
        for (PlannedChange change : plan.changes()) {
            if (change.leftover().isEmpty()) {
                Key key = keyOf(change);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
                groupOfDeclaration.put(change.declarationId(), key);
            }
        }
        for (PlannedChange change : plan.changes()) {
            change.leftover().ifPresent(leftover -> {
                Key key = groupOfDeclaration.getOrDefault(
                        leftover.declarationId(), new OneDeclaration(change.declarationId()));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(0, change);
            });
        }
        return groups.values();
    }

    private static Key keyOf(PlannedChange change) {
        return change.desired() == null
                ? new OneDeclaration(change.declarationId())
                : new SameName(change.desired().owner(), change.desired().spec().name());
    }

    /** How many changes of the plan do something (every change but the unchanged). */
    static int work(Plan plan) {
        return (int) plan.changes().stream()
                .filter(change -> change.kind() != ChangeKind.UNCHANGED)
                .count();
    }
}
