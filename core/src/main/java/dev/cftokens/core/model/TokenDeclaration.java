package dev.cftokens.core.model;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.KeyForm;
import dev.cftokens.core.rules.ResourceKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token as an {@code @ApiToken} interface declares it: the desired token before the account and the
 * inputs are known. Generated provisioners hold one; {@link #resolve} turns it into the {@link
 * TokenSpec} sent to Cloudflare.
 *
 * @param id the stable logical key, in kebab case
 * @param inputs the placeholder names the declaration needs values for, in method order
 * @param notBefore earliest validity, or null
 * @param expiresOn expiry, or null
 */
public record TokenDeclaration(
        String id,
        String name,
        TokenOwner owner,
        List<PolicyDeclaration> policies,
        RequestIpCondition condition,
        Instant notBefore,
        Instant expiresOn,
        List<String> inputs) {

    /** The bare account key, which stands for the account being provisioned. */
    public static final String ACCOUNT_KEY = "com.cloudflare.api.account";

    /** The placeholder for the account being provisioned. */
    public static final String ACCOUNT_PLACEHOLDER = "account";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public TokenDeclaration {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(owner, "owner");
        policies = List.copyOf(policies);
        condition = condition == null ? RequestIpCondition.NONE : condition;
        inputs = List.copyOf(inputs);
    }

    /**
     * This declaration as the JSON text generated provisioners carry: deterministic (sets sorted) and laid out
     * to be read in the generated source. {@link #fromJson} reads it back to an equal declaration.
     */
    public String toJson() {
        return DeclarationJson.write(this);
    }

    /**
     * Reads the JSON text {@link #toJson} writes.
     *
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
     * @throws IllegalArgumentException naming the input when a value is missing or blank, or the key
     *     when it needs an account id that was not given
     */
    public TokenSpec resolve(String accountId, Map<String, String> inputValues) {
        requireNonNull(inputValues, "inputValues");
        for (String input : inputs) {
            String value = inputValues.get(input);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("token " + id + " needs a value for its input " + input + "()");
            }
        }
        Set<PolicySpec> specs = new LinkedHashSet<>();
        for (PolicyDeclaration policy : policies) {
            Set<String> groupIds = new LinkedHashSet<>();
            policy.permissionGroups().forEach(group -> groupIds.add(group.id()));
            Set<String> keys = new LinkedHashSet<>();
            for (String resource : policy.resources()) {
                keys.add(resolveKey(resource, accountId, inputValues));
            }
            Set<ResourceGrant> grants = new HashSet<>();
            if (policy.hasWithin()) {
                grants.add(new ResourceGrant(resolveKey(policy.within(), accountId, inputValues), keys));
            } else {
                keys.forEach(key -> grants.add(ResourceGrant.all(key)));
            }
            specs.add(new PolicySpec(policy.effect(), groupIds, grants));
        }
        return new TokenSpec(name, specs, condition, notBefore, expiresOn);
    }

    /** Every placeholder name used in {@code key}, in order, without braces. */
    public static List<String> placeholders(String key) {
        Matcher matcher = PLACEHOLDER.matcher(key);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String resolveKey(String key, String accountId, Map<String, String> inputValues) {
        if (key.equals(ACCOUNT_KEY)) {
            return ACCOUNT_KEY + "." + requireAccount(key, accountId);
        }
        if (key.indexOf('{') < 0) {
            return key;
        }
        String resolved = substitute(key, accountId, inputValues);
        // Input values come from callers at run time, not from the checked declaration: "*" for a zone
        // id would widen the token to every zone, and a malformed id would only fail halfway through an
        // apply. So the resolved key must be a valid concrete key, and no broader than declared.
        ResourceKey declared = ResourceKey.parse(key, KeyForm.DECLARED);
        ResourceKey concrete;
        try {
            concrete = ResourceKey.parse(resolved, KeyForm.WIRE);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(
                    "token " + id + ": with " + describeInputs(key, accountId, inputValues) + ", resource key " + key
                            + " becomes an invalid key: " + e.getMessage(),
                    e);
        }
        if (concrete.isWildcard() && !declared.isWildcard()) {
            throw new IllegalArgumentException(
                    "token " + id + ": with " + describeInputs(key, accountId, inputValues) + ", resource key " + key
                            + " becomes the wildcard " + resolved + "; an input must name one resource");
        }
        return resolved;
    }

    private String describeInputs(String key, String accountId, Map<String, String> inputValues) {
        StringBuilder out = new StringBuilder();
        for (String name : placeholders(key)) {
            out.append(out.length() == 0 ? "" : " and ");
            if (name.equals(ACCOUNT_PLACEHOLDER)) {
                out.append("account id \"").append(accountId).append('"');
            } else {
                out.append("input ")
                        .append(name)
                        .append("() = \"")
                        .append(inputValues.get(name))
                        .append('"');
            }
        }
        return out.toString();
    }

    private String substitute(String key, String accountId, Map<String, String> inputValues) {
        Matcher matcher = PLACEHOLDER.matcher(key);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (name.equals(ACCOUNT_PLACEHOLDER)) {
                value = requireAccount(key, accountId);
            } else if (inputs.contains(name)) {
                value = inputValues.get(name);
            } else {
                throw new IllegalArgumentException(
                        "token " + id + ": resource key " + key + " uses {" + name + "}, which is not an input");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private String requireAccount(String key, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("token " + id + ": resource key " + key
                    + " names the provisioned account, but no account id is known;" + " set CLOUDFLARE_ACCOUNT_ID");
        }
        return accountId;
    }
}
