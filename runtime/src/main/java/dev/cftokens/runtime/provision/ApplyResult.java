package dev.cftokens.runtime.provision;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of an apply: the plan it carried out and what it did per declaration. Holds no secret.
 *
 * @param plan the plan the apply carried out
 * @param applied what it did, per declaration
 * @param elapsed how long the apply took, planning included
 */
public record ApplyResult(Plan plan, List<AppliedChange> applied, Duration elapsed) {
    /**
     * Copies the components.
     *
     * @param plan the plan the apply carried out
     * @param applied what it did, per declaration
     * @param elapsed how long the apply took, planning included
     */
    public ApplyResult {
        applied = List.copyOf(applied);
    }

    /**
     * {@return the change recorded for one declaration}
     *
     * @param declarationId the declaration's id, such as {@code readonly-token}
     */
    public java.util.Optional<AppliedChange> change(String declarationId) {
        return applied.stream()
                .filter(change -> change.declarationId().equals(declarationId))
                .findFirst();
    }
}
