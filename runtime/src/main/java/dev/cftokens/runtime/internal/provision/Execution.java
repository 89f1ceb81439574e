package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.provision.AppliedChange;
import dev.cftokens.runtime.provision.ProvisioningException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an execution did; {@code values} holds only the values the caller asked for. {@code pendingKept}
 * names the declarations whose pending create's token could not be deleted: the run does not fail for
 * it (the declaration's own token is fine), and the pending create stays for the next run to try again.
 */
record Execution(
        List<AppliedChange> applied, Map<String, Secret> values, List<String> failures, Set<String> pendingKept) {
    Execution {
        applied = List.copyOf(applied);
        values = Map.copyOf(values);
        failures = List.copyOf(failures);
        pendingKept = Set.copyOf(pendingKept);
    }

    /** Throws when a change failed, naming each. */
    void failIfAny() {
        if (!failures.isEmpty()) {
            throw new ProvisioningException(failures.size() + " change(s) failed; every finished"
                    + " change is recorded, so running again continues from here:\n  "
                    + String.join("\n  ", failures));
        }
    }
}
