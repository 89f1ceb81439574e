package dev.cftokens.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.runtime.internal.http.Envelope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The token wire format of API.md: {@link TokenSpec} to a create/update body, and a token object of a
 * response back to {@link Token}. Sets are written sorted so that equal specs give identical bodies.
 */
final class TokenJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Comparator<PolicySpec> POLICY_ORDER = Comparator.comparing((PolicySpec p) -> p.effect())
            .thenComparing(p -> new TreeSet<>(p.permissionGroupIds()).toString())
            .thenComparing(p -> p.resources().stream()
                    .map(ResourceGrant::key)
                    .sorted()
                    .toList()
                    .toString());

    private TokenJson() {}

    /** The body of {@code POST .../tokens} and {@code PUT .../tokens/{id}}. */
    static ObjectNode body(TokenSpec spec, TokenStatus status) {
        ObjectNode body = NODES.objectNode();
        body.put("name", spec.name());
        ArrayNode policies = body.putArray("policies");
        spec.policies().stream().sorted(POLICY_ORDER).forEach(policy -> policies.add(policy(policy)));
        if (spec.notBefore() != null) {
            body.put("not_before", timestamp(spec.notBefore()));
        }
        if (spec.expiresOn() != null) {
            body.put("expires_on", timestamp(spec.expiresOn()));
        }
        if (!spec.condition().isEmpty()) {
            ObjectNode requestIp = body.putObject("condition").putObject("request_ip");
            if (!spec.condition().in().isEmpty()) {
                new TreeSet<>(spec.condition().in()).forEach(requestIp.putArray("in")::add);
            }
            if (!spec.condition().notIn().isEmpty()) {
                new TreeSet<>(spec.condition().notIn()).forEach(requestIp.putArray("not_in")::add);
            }
        }
        if (status != null) {
            body.put("status", status.wireName());
        }
        return body;
    }

    private static ObjectNode policy(PolicySpec policy) {
        ObjectNode node = NODES.objectNode();
        node.put("effect", policy.effect().wireName());
        ArrayNode groups = node.putArray("permission_groups");
        new TreeSet<>(policy.permissionGroupIds())
                .forEach(id -> groups.addObject().put("id", id));
        ObjectNode resources = node.putObject("resources");
        policy.resources().stream()
                .sorted(Comparator.comparing(ResourceGrant::key))
                .forEach(grant -> {
                    if (grant.nested().isEmpty()) {
                        resources.put(grant.key(), "*");
                    } else {
                        ObjectNode nested = resources.putObject(grant.key());
                        new TreeSet<>(grant.nested()).forEach(key -> nested.put(key, "*"));
                    }
                });
        return node;
    }

    /** {@code 2018-07-01T05:20:00Z}: whole seconds, as the API documents (core's one rule for it). */
    static String timestamp(Instant instant) {
        return Timestamps.format(instant);
    }

    /** A token object of a response; {@code envelope} names the request if the shape is wrong. */
    static Token token(JsonNode node, Envelope envelope) {
        if (node == null || !node.isObject()) {
            throw envelope.malformed("a token is not a JSON object");
        }
        String id = requiredText(node, "id", envelope);
        String name = requiredText(node, "name", envelope);
        TokenStatus status;
        try {
            status = TokenStatus.fromWireName(requiredText(node, "status", envelope));
        } catch (IllegalArgumentException e) {
            throw envelope.malformed("token " + id + ": " + e.getMessage());
        }
        Set<PolicySpec> policies = new LinkedHashSet<>();
        List<String> policyIds = new ArrayList<>();
        JsonNode policyNodes = node.path("policies");
        if (!policyNodes.isMissingNode() && !policyNodes.isNull() && !policyNodes.isArray()) {
            throw envelope.malformed("token " + id + ": \"policies\" is not an array");
        }
        for (JsonNode policy : policyNodes) {
            if (policy.hasNonNull("id")) {
                policyIds.add(policy.get("id").asText());
            }
            policies.add(policySpec(policy, id, envelope));
        }
        return new Token(
                id,
                name,
                status,
                instant(node, "issued_on", id, envelope),
                instant(node, "modified_on", id, envelope),
                instant(node, "last_used_on", id, envelope),
                instant(node, "not_before", id, envelope),
                instant(node, "expires_on", id, envelope),
                policies,
                condition(node.path("condition"), id, envelope),
                policyIds);
    }

    private static PolicySpec policySpec(JsonNode policy, String tokenId, Envelope envelope) {
        PolicyEffect effect;
        try {
            effect = PolicyEffect.fromWireName(policy.path("effect").asText(null));
        } catch (IllegalArgumentException e) {
            throw envelope.malformed("token " + tokenId + ": " + e.getMessage());
        }
        Set<String> groups = new HashSet<>();
        for (JsonNode group : policy.path("permission_groups")) {
            if (!group.hasNonNull("id")) {
                throw envelope.malformed("token " + tokenId + ": a permission group has no id");
            }
            groups.add(group.get("id").asText());
        }
        JsonNode resources = policy.path("resources");
        if (!resources.isObject()) {
            throw envelope.malformed("token " + tokenId + ": a policy's \"resources\" is not an object");
        }
        Set<ResourceGrant> grants = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                Set<String> nested = new HashSet<>();
                value.fieldNames().forEachRemaining(nested::add);
                grants.add(new ResourceGrant(entry.getKey(), nested));
            } else {
                // "*" is the only value the API documents for a key; anything else is read as "*" too, the
                // grant the key makes on its own.
                grants.add(ResourceGrant.all(entry.getKey()));
            }
        }
        return new PolicySpec(effect, groups, grants);
    }

    /** {@code condition.request_ip}, or the older spelling {@code condition["request.ip"]}. */
    private static RequestIpCondition condition(JsonNode condition, String tokenId, Envelope envelope) {
        if (!condition.isObject()) {
            return RequestIpCondition.NONE;
        }
        JsonNode requestIp = condition.has("request_ip") ? condition.get("request_ip") : condition.get("request.ip");
        if (requestIp == null || requestIp.isNull()) {
            return RequestIpCondition.NONE;
        }
        if (!requestIp.isObject()) {
            throw envelope.malformed("token " + tokenId + ": condition.request_ip is not an object");
        }
        return new RequestIpCondition(texts(requestIp.path("in")), texts(requestIp.path("not_in")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        for (JsonNode value : array) {
            values.add(value.asText());
        }
        return values;
    }

    private static String requiredText(JsonNode node, String field, Envelope envelope) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw envelope.malformed("a token has no \"" + field + "\" string");
        }
        return value.asText();
    }

    /** An optional timestamp member; Cloudflare writes them with or without fractions of a second. */
    static Instant instant(JsonNode node, String field, String tokenId, Envelope envelope) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        String text = value.asText();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) { // an impossible date, or one beyond 9999
            throw envelope.malformed(
                    "token " + tokenId + ": \"" + field + "\" is not a timestamp: \"" + value.asText() + "\"");
        }
    }
}
