package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The circumstances a plan is made in.
 *
 * @param accountId the account this run provisions, or null when none is known
 * @param adoptUnrecorded adopt an unrecorded token with a declaration's name and grants even without a
 *     pending create (the default), as a state that did not survive a restart must
 * @param now the time expiry is judged against
 */
record PlanContext(String accountId, boolean adoptUnrecorded, Instant now) {
    PlanContext {
        requireNonNull(now, "now");
    }
}
