package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.provision.RotationRequest;
import java.time.Instant;

/**
 * The circumstances a plan is made in.
 *
 * @param accountId the account this run provisions, or null when none is known
 * @param adoptUnrecorded adopt an unrecorded token with a declaration's name and grants even without a
 *     pending create (the default), as a state that did not survive a restart must
 * @param now the time expiry and rotation are judged against
 * @param rotations the rotations asked for besides the due ones
 * @param upkeep whether due rotations and the retirement of previous generations are planned (apply,
 *     rotate, the live handles' upkeep); a service's start only rotates a generation that has expired
 */
record PlanContext(String accountId, boolean adoptUnrecorded, Instant now, RotationRequest rotations, boolean upkeep) {
    PlanContext {
        requireNonNull(now, "now");
        requireNonNull(rotations, "rotations");
    }

    PlanContext(String accountId, boolean adoptUnrecorded, Instant now) {
        this(accountId, adoptUnrecorded, now, RotationRequest.DUE, true);
    }
}
