package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.core.rules.RotationRules;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A token as an {@code @ApiToken} interface declares it: the desired token before the account and the
 * inputs are known. Generated provisioners hold one; {@link #resolve} turns it into the {@link
 * TokenSpec} sent to Cloudflare.
 *
 * @param id the stable logical key, in kebab case
 * @param name the token's name in Cloudflare
 * @param owner whether the token lives under the account or the user
 * @param policies the policies, in declaration order
 * @param condition the request IP condition, or null for none
 * @param notBefore earliest validity, or null
 * @param expiresOn expiry, or null
 * @param inputs the placeholder names the declaration needs values for, in method order
 * @param rotation how the token rotates itself ({@code @Rotation}), or empty when it does not; no part of
 *     the {@link TokenSpec} {@link #resolve} gives, since Cloudflare holds nothing of it
 */
public record TokenDeclaration(
        String id,
        String name,
        TokenOwner owner,
        List<PolicyDeclaration> policies,
        RequestIpCondition condition,
        Instant notBefore,
        Instant expiresOn,
        List<String> inputs,
        Optional<RotationPolicy> rotation) {

    /** The bare account key; the same as {@link ResourceKey#ACCOUNT_KEY}, its home. */
    /**
     * The class-path directory where the processor writes one resource per declaration, naming its
     * provisioner, and where the runtime's {@code Declarations} finds them.
     */
    public static final String INDEX_DIRECTORY = "META-INF/cftokens/";

    public static final String ACCOUNT_KEY = ResourceKey.ACCOUNT_KEY;

    /** The placeholder for the account being provisioned; the same as {@link ResourceKey#ACCOUNT_PLACEHOLDER}. */
    public static final String ACCOUNT_PLACEHOLDER = ResourceKey.ACCOUNT_PLACEHOLDER;

    /**
     * Copies the lists and reads a null condition as {@link RequestIpCondition#NONE}.
     *
     * @param id the stable logical key, in kebab case
     * @param name the token's name in Cloudflare
     * @param owner whether the token lives under the account or the user
     * @param policies the policies, in declaration order
     * @param condition the request IP condition, or null for none
     * @param notBefore earliest validity, or null
     * @param expiresOn expiry, or null
     * @param inputs the placeholder names the declaration needs values for, in method order
     * @param rotation how the token rotates itself, or empty (or null) when it does not
     * @throws NullPointerException when {@code id}, {@code name}, {@code owner} or a list is null
     * @throws dev.cftokens.core.rules.InvalidValueException when a rotating token has a fixed {@code expiresOn}
     */
    public TokenDeclaration {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(owner, "owner");
        policies = List.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
        inputs = List.copyOf(inputs);
        rotation = rotation == null ? Optional.empty() : rotation;
        if (rotation.isPresent()) {
            RotationRules.checkNoFixedExpiry(expiresOn);
        }
    }

    /**
     * A declaration without rotation, as every declaration was before {@code @Rotation}.
     *
     * @param id the stable logical key, in kebab case
     * @param name the token's name in Cloudflare
     * @param owner whether the token lives under the account or the user
     * @param policies the policies, in declaration order
     * @param condition the request IP condition, or null for none
     * @param notBefore earliest validity, or null
     * @param expiresOn expiry, or null
     * @param inputs the placeholder names the declaration needs values for, in method order
     */
    public TokenDeclaration(
            String id,
            String name,
            TokenOwner owner,
            List<PolicyDeclaration> policies,
            RequestIpCondition condition,
            Instant notBefore,
            Instant expiresOn,
            List<String> inputs) {
        this(id, name, owner, policies, condition, notBefore, expiresOn, inputs, Optional.empty());
    }

    /**
     * This declaration with another rotation, everything else the same.
     *
     * @param rotation how the token rotates itself, or null for not at all
     * @return the copy
     * @throws dev.cftokens.core.rules.InvalidValueException when a rotation meets a fixed {@code expiresOn}
     */
    public TokenDeclaration withRotation(RotationPolicy rotation) {
        return new TokenDeclaration(
                id, name, owner, policies, condition, notBefore, expiresOn, inputs, Optional.ofNullable(rotation));
    }

    /**
     * This declaration as the JSON text generated provisioners carry: deterministic (sets sorted) and laid out
     * to be read in the generated source. {@link #fromJson} reads it back to an equal declaration.
     *
     * @return the JSON text
     */
    public String toJson() {
        return DeclarationJson.write(this);
    }

    /**
     * Reads the JSON text {@link #toJson} writes.
     *
     * @param json the text
     * @return the declaration
     * @throws IllegalArgumentException saying what is wrong, also for a field this version does not know
     */
    public static TokenDeclaration fromJson(String json) {
        return DeclarationJson.read(requireNonNull(json, "json"));
    }

    /**
     * The token this declaration asks for in {@code accountId} with these input values.
     *
     * @param accountId the account being provisioned; may be null for a user-owned token that names
     *     no account
     * @param inputValues a value for each of {@link #inputs()}, by input name
     * @return the token, every placeholder resolved
     * @throws IllegalArgumentException naming the input when a value is missing or blank, or the key
     *     when it needs an account id that was not given
     */
    public TokenSpec resolve(String accountId, Map<String, String> inputValues) {
        requireNonNull(inputValues, "inputValues");
        // Only the declared inputs fill placeholders: a key naming anything else is refused, not filled.
        Map<String, String> values = new HashMap<>();
        for (String input : inputs) {
            String value = inputValues.get(input);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("token " + id + " needs a value for its input " + input + "()");
            }
            values.put(input, value);
        }
        Set<PolicySpec> specs = new LinkedHashSet<>();
        for (PolicyDeclaration policy : policies) {
            Set<String> groupIds = new LinkedHashSet<>();
            policy.permissionGroups().forEach(group -> groupIds.add(group.id()));
            Set<String> keys = new LinkedHashSet<>();
            for (String resource : policy.resources()) {
                keys.add(resolveKey(resource, accountId, values));
            }
            Set<ResourceGrant> grants = new HashSet<>();
            if (policy.hasWithin()) {
                grants.add(new ResourceGrant(resolveKey(policy.within(), accountId, values), keys));
            } else {
                keys.forEach(key -> grants.add(ResourceGrant.all(key)));
            }
            specs.add(new PolicySpec(policy.effect(), groupIds, grants));
        }
        return new TokenSpec(name, specs, condition, notBefore, expiresOn);
    }

    /**
     * Every placeholder name used in {@code key}, in order, without braces; the same as {@link
     * ResourceKey#placeholdersIn}, the home of the placeholder grammar.
     *
     * @param key a resource key as declared, such as {@code com.cloudflare.api.account.zone.{zoneId}}
     * @return the names, such as {@code [zoneId]}
     */
    public static List<String> placeholders(String key) {
        return ResourceKey.placeholdersIn(key);
    }

    private String resolveKey(String key, String accountId, Map<String, String> values) {
        try {
            return ResourceKey.resolve(key, accountId, values);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("token " + id + ": " + e.getMessage(), e);
        }
    }
}
