/**
 * The provisioning engine behind {@link dev.cftokens.runtime.Provisioning}: a {@code Planner} per plan, a
 * {@code PlanExecutor} that carries a plan out, and the requests and state writes of each change.
 *
 * <p>Internal: {@code Engine} is public only so that {@code Provisioning}, in another package, can run it.
 * Its types may change in any release; use {@code Provisioning}.
 */
package dev.cftokens.runtime.internal.provision;
