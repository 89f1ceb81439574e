package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.PlannedChange;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateSession;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the printed plan of a run that hands values back says which tokens it rolls for want of a kept value,
 * and which values it creates that the state will not keep. Without a key a file state keeps no value, so a
 * start rolls a token the plan finds unchanged: the line says so instead of "unchanged", and the run that
 * creates the token says how to keep values. Only the printed lines change; the plan is the planner's.
 */
final class ValueRolls {
    /** For runs that hand no value back: the plan as it is. */
    static final ValueRolls NONE = new ValueRolls(Set.of(), Set.of(), true);

    private static final String KEY_SETTINGS = StateKey.KEY_VARIABLE + " or " + StateKey.PASSPHRASE_VARIABLE;

    private final Set<String> rolled;
    private final Set<String> createdNotKept;
    private final boolean storesValues;

    private ValueRolls(Set<String> rolled, Set<String> createdNotKept, boolean storesValues) {
        this.rolled = rolled;
        this.createdNotKept = createdNotKept;
        this.storesValues = storesValues;
    }

    /**
     * What carrying {@code plan} out on {@code state} does to the values of {@code valuesNeeded}: a token it
     * keeps, updates or adopts with no value in the state is rolled (as {@link TokenValues} does); a value a
     * create hands back is kept only when the state keeps values.
     */
    static ValueRolls of(Plan plan, StateSession state, Set<String> valuesNeeded) {
        if (valuesNeeded.isEmpty()) {
            return NONE;
        }
        boolean storesValues = state.storesValues();
        Set<String> rolled = new LinkedHashSet<>();
        Set<String> createdNotKept = new LinkedHashSet<>();
        for (PlannedChange change : plan.changes()) {
            String id = change.declarationId();
            if (change.desired() == null || !valuesNeeded.contains(id)) {
                continue;
            }
            switch (change.kind()) {
                case UNCHANGED, UPDATE, DRIFTED_CHANGED -> {
                    if (!storesValues || state.value(id).isEmpty()) {
                        rolled.add(id);
                    }
                }
                case ADOPT -> rolled.add(id); // no state holds the value of a token it did not record
                case CREATE, REPLACE, DRIFTED_DELETED -> {
                    if (!storesValues) {
                        createdNotKept.add(id);
                    }
                }
                default -> {}
            }
        }
        return rolled.isEmpty() && createdNotKept.isEmpty()
                ? NONE
                : new ValueRolls(Set.copyOf(rolled), Set.copyOf(createdNotKept), storesValues);
    }

    /** {@return what is printed for {@code change}: its own rendering, or one that says its token is rolled} */
    String describe(PlannedChange change) {
        String id = change.declarationId();
        if (!rolled.contains(id)) {
            return change.render();
        }
        String why = change.kind() == ChangeKind.ADOPT
                ? "no state holds the value of a token it did not record"
                : storesValues ? "the state holds no value for it" : "no value is kept without " + KEY_SETTINGS;
        if (change.kind() == ChangeKind.UNCHANGED) {
            return "~ roll " + id + ": unchanged, but " + why
                    + ", so it is rolled to hand a value back (the previous value stops working)";
        }
        String rendered = change.render();
        int lineEnd = rendered.indexOf('\n') < 0 ? rendered.length() : rendered.indexOf('\n');
        return rendered.substring(0, lineEnd) + (change.note().isEmpty() ? ": " : "; ")
                + "rolled to hand its value back, since " + why + rendered.substring(lineEnd);
    }

    /**
     * {@return what the run's user should know beside the plan's own warnings: how to keep the values it
     * creates} A roll says so itself, when it happens ({@link TokenValues}).
     */
    List<String> warnings() {
        if (createdNotKept.isEmpty()) {
            return List.of();
        }
        return List.of("! values are not kept: without " + KEY_SETTINGS + " the state keeps no token value, so the"
                + " next start rolls " + String.join(", ", createdNotKept) + " to hand a value back, and the value"
                + " handed out now stops working then. Set " + StateKey.KEY_VARIABLE + " to a key of your own"
                + " (java -jar cftokens-cli.jar key prints a new one) and keep it with your secrets.");
    }

    /** {@return the plan's summary line, with the tokens rolled for want of a value, if any} */
    String summary(Plan plan) {
        String summary = plan.summary();
        if (rolled.isEmpty()) {
            return summary;
        }
        return summary.substring(0, summary.length() - 1) + ", " + rolled.size()
                + " to roll for a value the state does not keep.";
    }
}
