package dev.cftokens.runtime.provision;

import java.time.Duration;
import java.util.List;

/** The outcome of an apply: the plan it carried out and what it did per declaration. Holds no secret. */
public record ApplyResult(Plan plan, List<AppliedChange> applied, Duration elapsed) {
    public ApplyResult {
        applied = List.copyOf(applied);
    }

    /** The change recorded for one declaration. */
    public java.util.Optional<AppliedChange> change(String declarationId) {
        return applied.stream()
                .filter(change -> change.declarationId().equals(declarationId))
                .findFirst();
    }
}
