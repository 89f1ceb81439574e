package dev.cftokens.emulator.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Cidr;
import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.KeyForm;
import dev.cftokens.core.rules.PolicyScopes;
import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.core.rules.ScopeMismatch;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.core.rules.TokenRules;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.ErrorDetail;
import dev.cftokens.emulator.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the JSON of a token create or update, as Cloudflare would: every problem found is
 * reported at once, each as a 1001 error naming the field and the offending value.
 */
public final class TokenBodyReader {
    static final String POLICY_REUSE_MESSAGE = "Reusing existing policies is not supported by token creation";

    static final String COMMON_PERMISSION_CHECK = "Failed common permission check against resources";

    private final PermissionGroupCatalog catalog;
    private final String accountId;
    private final String userId;

    /**
     * Reads bodies for the emulator's one account and one user, which are all a token may be granted on.
     *
     * @param catalog the permission groups a policy may name
     * @param accountId the account's id
     * @param userId the user's id
     */
    public TokenBodyReader(PermissionGroupCatalog catalog, String accountId, String userId) {
        this.catalog = catalog;
        this.accountId = accountId;
        this.userId = userId;
    }

    /**
     * Reads and checks a token body, reporting every problem at once.
     *
     * @param root the parsed request body
     * @param owner whose token the body is for
     * @param creating true for {@code POST} (a policy {@code id} is refused), false for {@code PUT}
     *     (which also reads {@code status})
     * @return the checked body
     * @throws ApiException listing every problem of the body, as Cloudflare's 400 does
     */
    public TokenBody read(JsonNode root, TokenOwner owner, boolean creating) {
        Problems problems = new Problems();
        if (!root.isObject()) {
            throw ApiException.validation(
                    "request body must be a JSON object with name and policies, not " + Json.show(root));
        }
        String name = readName(root.get("name"), problems);
        List<TokenBody.PolicyBody> policies = readPolicies(root.get("policies"), owner, creating, problems);
        Instant notBefore = readTimestamp(root, "not_before", problems);
        Instant expiresOn = readTimestamp(root, "expires_on", problems);
        try {
            Timestamps.checkValidityWindow(notBefore, expiresOn);
        } catch (InvalidValueException e) {
            problems.add("expires_on: " + e.getMessage());
        }
        RequestIpCondition condition = readCondition(root.get("condition"), problems);
        TokenStatus status = creating ? null : readStatus(root.get("status"), problems);
        problems.throwIfAny();
        return new TokenBody(name, policies, notBefore, expiresOn, condition, status);
    }

    private static String readName(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add("name is required");
            return "";
        }
        if (!node.isTextual()) {
            problems.add("name must be a string, not " + Json.show(node));
            return "";
        }
        String name = node.asText();
        try {
            TokenRules.checkName(name);
        } catch (InvalidValueException e) {
            problems.add("name: " + e.getMessage());
        }
        return name;
    }

    private List<TokenBody.PolicyBody> readPolicies(
            JsonNode node, TokenOwner owner, boolean creating, Problems problems) {
        List<TokenBody.PolicyBody> policies = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add("policies is required: a list of {effect, permission_groups, resources}");
            return policies;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add("policies must be a non-empty list of {effect, permission_groups, resources}, not "
                    + Json.show(node));
            return policies;
        }
        for (int i = 0; i < node.size(); i++) {
            String where = "policies[" + i + "]";
            JsonNode policy = node.get(i);
            if (!policy.isObject()) {
                problems.add(
                        where + " must be an object {effect, permission_groups, resources}, not " + Json.show(policy));
                continue;
            }
            String id = null;
            JsonNode idNode = policy.get("id");
            if (idNode != null && !idNode.isNull()) {
                if (creating) {
                    problems.add(POLICY_REUSE_MESSAGE + " (" + where + ".id " + Json.show(idNode) + ")");
                } else if (!idNode.isTextual()) {
                    problems.add(where + ".id must be a string, not " + Json.show(idNode));
                } else {
                    id = idNode.asText();
                }
            }
            PolicyEffect effect = readEffect(policy.get("effect"), where, problems);
            List<GrantedGroup> groups = readGroups(policy.get("permission_groups"), where, problems);
            List<ResourceKey> scopedKeys = new ArrayList<>();
            List<ResourceGrant> resources = readResources(policy.get("resources"), owner, where, scopedKeys, problems);
            checkFit(groups, scopedKeys, where, problems);
            if (effect != null) {
                policies.add(new TokenBody.PolicyBody(id, effect, groups, resources));
            }
        }
        return policies;
    }

    private static PolicyEffect readEffect(JsonNode node, String where, Problems problems) {
        if (node == null || node.isNull()) {
            problems.add(where + ".effect is required: \"allow\" or \"deny\"");
            return null;
        }
        if (node.isTextual() && ("allow".equals(node.asText()) || "deny".equals(node.asText()))) {
            return PolicyEffect.fromWireName(node.asText());
        }
        problems.add(where + ".effect " + Json.show(node) + " is not \"allow\" or \"deny\"");
        return null;
    }

    private List<GrantedGroup> readGroups(JsonNode node, String where, Problems problems) {
        List<GrantedGroup> groups = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(
                    where + ".permission_groups must be a non-empty list of {\"id\": ...}, not " + Json.show(node));
            return groups;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = where + ".permission_groups[" + i + "]";
            JsonNode group = node.get(i);
            JsonNode id = group.get("id");
            if (!group.isObject() || id == null || !id.isTextual()) {
                problems.add(at + " must be an object with a string id, not " + Json.show(group));
                continue;
            }
            if (catalog.byId(id.asText()).isEmpty()) {
                problems.add(at + ".id " + Json.show(id) + " is not a permission group id; "
                        + "GET .../tokens/permission_groups lists the valid ones");
                continue;
            }
            if (!seen.add(id.asText())) {
                problems.add(at + ".id " + Json.show(id) + " is listed twice in the same policy");
                continue;
            }
            String metaKey = null;
            String metaValue = null;
            JsonNode meta = group.get("meta");
            if (meta != null && !meta.isNull()) {
                if (!meta.isObject() || !textOrAbsent(meta.get("key")) || !textOrAbsent(meta.get("value"))) {
                    problems.add(at + ".meta must be an object {\"key\": string, \"value\": string}, not "
                            + Json.show(meta));
                } else {
                    metaKey = meta.hasNonNull("key") ? meta.get("key").asText() : null;
                    metaValue = meta.hasNonNull("value") ? meta.get("value").asText() : null;
                }
            }
            groups.add(new GrantedGroup(id.asText(), metaKey, metaValue));
        }
        return groups;
    }

    private static boolean textOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isTextual();
    }

    /**
     * Reads {@code resources}: each key in Cloudflare's grammar, granted {@code "*"} or holding nested zone or
     * bucket keys. Adds to {@code scopedKeys} the keys that decide which groups fit: top-level keys, and the
     * nested keys in place of the account key that holds them.
     */
    private List<ResourceGrant> readResources(
            JsonNode node, TokenOwner owner, String where, List<ResourceKey> scopedKeys, Problems problems) {
        List<ResourceGrant> resources = new ArrayList<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add(
                    where + ".resources must be a non-empty object of resource key to \"*\", not " + Json.show(node));
            return resources;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String at = where + ".resources[\"" + entry.getKey() + "\"]";
            ResourceKey key = parseKey(entry.getKey(), at, problems);
            if (key == null) {
                continue;
            }
            checkOwnResource(key, owner, at, problems);
            JsonNode value = entry.getValue();
            Set<String> nested = new LinkedHashSet<>();
            if (value.isObject()) {
                if (value.isEmpty()) {
                    problems.add(at + " is an empty object; give \"*\" or nested keys such as "
                            + "{\"com.cloudflare.api.account.zone.*\": \"*\"}");
                    continue;
                }
                for (Map.Entry<String, JsonNode> child : value.properties()) {
                    String childAt = at + "[\"" + child.getKey() + "\"]";
                    if (!child.getValue().isTextual()
                            || !"*".equals(child.getValue().asText())) {
                        problems.add(childAt + " must be \"*\", not " + Json.show(child.getValue()));
                        continue;
                    }
                    ResourceKey childKey = parseKey(child.getKey(), childAt, problems);
                    if (childKey == null) {
                        continue;
                    }
                    try {
                        ResourceKey.checkNested(key, childKey);
                    } catch (InvalidValueException e) {
                        problems.add(childAt + ": " + e.getMessage());
                        continue;
                    }
                    checkOwnResource(childKey, owner, childAt, problems);
                    nested.add(child.getKey());
                    scopedKeys.add(childKey);
                }
            } else if (!value.isTextual() || !"*".equals(value.asText())) {
                problems.add(at + " must be \"*\" or an object of nested keys, not " + Json.show(value));
                continue;
            } else {
                try {
                    ResourceKey.checkTopLevel(key);
                } catch (InvalidValueException e) {
                    problems.add(at + ": " + e.getMessage());
                    continue;
                }
                scopedKeys.add(key);
            }
            resources.add(new ResourceGrant(entry.getKey(), nested));
        }
        return resources;
    }

    private static ResourceKey parseKey(String key, String at, Problems problems) {
        try {
            return ResourceKey.parse(key, KeyForm.WIRE);
        } catch (InvalidValueException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Cloudflare's "common permission check": a token may only be granted what its creator holds, which
     * here is the emulator's one account (its zones and buckets) and its one user. Account-owned tokens
     * hold no user resources.
     */
    private void checkOwnResource(ResourceKey key, TokenOwner owner, String at, Problems problems) {
        String foreign = null;
        switch (key.scope()) {
            case ACCOUNT:
                if (!key.isWildcard() && !key.id().equals(accountId)) {
                    foreign = "account " + key.id() + " is not an account of the caller (the account is " + accountId
                            + ")";
                }
                break;
            case R2_BUCKET:
                if (key.bucket().isPresent() && !key.bucket().get().accountId().equals(accountId)) {
                    foreign = "the bucket belongs to account "
                            + key.bucket().get().accountId() + ", not " + accountId;
                }
                break;
            case USER:
                if (owner == TokenOwner.ACCOUNT) {
                    foreign = "account-owned tokens cannot be granted user resources";
                } else if (!key.id().equals(userId)) {
                    foreign = "user " + key.id() + " is not the caller (the user is " + userId + ")";
                }
                break;
            default:
                break;
        }
        if (foreign != null) {
            problems.add(COMMON_PERMISSION_CHECK + ": " + at + ": " + foreign);
        }
    }

    /** Whether the groups and keys of one policy fit each other, by core's scope rule. */
    private void checkFit(List<GrantedGroup> groups, List<ResourceKey> keys, String where, Problems problems) {
        if (groups.isEmpty() || keys.isEmpty()) {
            return; // already reported as missing or invalid
        }
        List<PermissionGroup> resolved = new ArrayList<>();
        for (GrantedGroup granted : groups) {
            catalog.byId(granted.id()).ifPresent(resolved::add);
        }
        for (ScopeMismatch mismatch : PolicyScopes.check(resolved, keys)) {
            problems.add(where + ": " + mismatch.message());
        }
    }

    private static Instant readTimestamp(JsonNode root, String field, Problems problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + " must be a UTC timestamp such as \"2026-01-01T00:00:00Z\", not " + Json.show(node));
            return null;
        }
        try {
            return Timestamps.parse(node.asText());
        } catch (InvalidValueException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        }
    }

    private static RequestIpCondition readCondition(JsonNode node, Problems problems) {
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            return RequestIpCondition.NONE;
        }
        if (!node.isObject()) {
            problems.add("condition must be an object {\"request_ip\": {\"in\": [...], \"not_in\": [...]}}, not "
                    + Json.show(node));
            return RequestIpCondition.NONE;
        }
        JsonNode requestIp = null;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            // "request.ip" is how older API versions and clients spell it; both are read, request_ip is written.
            if (("request_ip".equals(name) || "request.ip".equals(name)) && requestIp == null) {
                requestIp = node.get(name);
            } else {
                problems.add("condition." + name + " is not a condition Cloudflare knows; use request_ip (once)");
            }
        }
        if (requestIp == null || requestIp.isNull()) {
            return RequestIpCondition.NONE;
        }
        if (!requestIp.isObject()) {
            problems.add("condition.request_ip must be an object {\"in\": [...], \"not_in\": [...]}, not "
                    + Json.show(requestIp));
            return RequestIpCondition.NONE;
        }
        for (Iterator<String> names = requestIp.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"in".equals(name) && !"not_in".equals(name)) {
                problems.add("condition.request_ip." + name + " is unknown; use \"in\" and \"not_in\"");
            }
        }
        return new RequestIpCondition(
                readCidrs(requestIp.get("in"), "condition.request_ip.in", problems),
                readCidrs(requestIp.get("not_in"), "condition.request_ip.not_in", problems));
    }

    private static Set<String> readCidrs(JsonNode node, String where, Problems problems) {
        Set<String> cidrs = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return cidrs;
        }
        if (!node.isArray()) {
            problems.add(where + " must be a list of CIDRs such as \"192.0.2.0/24\", not " + Json.show(node));
            return cidrs;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode cidr = node.get(i);
            if (!cidr.isTextual()) {
                problems.add(where + "[" + i + "] must be a CIDR string, not " + Json.show(cidr));
                continue;
            }
            try {
                cidrs.add(Cidr.parse(cidr.asText()).toString());
            } catch (InvalidValueException e) {
                problems.add(where + "[" + i + "]: " + e.getMessage());
            }
        }
        return cidrs;
    }

    private static TokenStatus readStatus(JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        TokenStatus status = node.isTextual() ? TokenStatus.find(node.asText()).orElse(null) : null;
        if (status == null) {
            problems.add("status " + Json.show(node) + " is not \"active\", \"disabled\" or \"expired\"");
        }
        return status;
    }

    /** The problems found so far; the request fails with all of them. */
    private static final class Problems {
        private final List<ErrorDetail> errors = new ArrayList<>();

        void add(String message) {
            errors.add(new ErrorDetail(ErrorCodes.VALIDATION, message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ApiException(400, errors);
            }
        }
    }
}
