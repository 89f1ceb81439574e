package dev.cftokens.emulator.tokens;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenStatus;
import java.time.Instant;
import java.util.List;

/**
 * A validated create or update body.
 *
 * @param name the token's name
 * @param policies the policies, in order
 * @param notBefore null for none
 * @param expiresOn null for never
 * @param condition the request IP condition, or null for none
 * @param status only on update; null when the caller did not send one
 */
public record TokenBody(
        String name,
        List<PolicyBody> policies,
        Instant notBefore,
        Instant expiresOn,
        RequestIpCondition condition,
        TokenStatus status) {
    /**
     * Copies the policies and reads a null condition as none.
     *
     * @param name the token's name
     * @param policies the policies, in order
     * @param notBefore null for none
     * @param expiresOn null for never
     * @param condition the request IP condition, or null for none
     * @param status only on update; null when the caller did not send one
     * @throws NullPointerException when {@code name} or {@code policies} is null
     */
    public TokenBody {
        requireNonNull(name, "name");
        policies = List.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
    }

    /**
     * One validated policy; {@code id} is only ever set on update, naming a policy the token already has.
     *
     * @param id the policy's id on update; null on create
     * @param effect whether it allows or denies
     * @param groups the permission groups it grants
     * @param resources the resources it grants them on
     */
    public record PolicyBody(String id, PolicyEffect effect, List<GrantedGroup> groups, List<ResourceGrant> resources) {
        /**
         * Checks the components.
         *
         * @param id the policy's id on update; null on create
         * @param effect whether it allows or denies
         * @param groups the permission groups it grants
         * @param resources the resources it grants them on
         * @throws NullPointerException when {@code effect} or a list is null
         */
        public PolicyBody {
            requireNonNull(effect, "effect");
            groups = List.copyOf(groups);
            resources = List.copyOf(resources);
        }
    }
}
