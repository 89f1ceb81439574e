package dev.cftokens.emulator.tokens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.http.Json;
import java.time.Instant;

/** Writes tokens as the API shows them; the value appears only in the create answer. */
public final class TokenResponses {
    private final PermissionGroupCatalog catalog;

    /**
     * Writes tokens with the group names of {@code catalog}.
     *
     * @param catalog the permission groups, for their names in policies
     */
    public TokenResponses(PermissionGroupCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * {@return the token as the API shows it, without its value}
     *
     * @param token the token
     * @param now the time the status is reported at
     */
    public ObjectNode token(StoredToken token, Instant now) {
        ObjectNode node = Json.object();
        node.put("id", token.id());
        node.put("name", token.name());
        node.put("status", token.statusAt(now).wireName());
        node.put("issued_on", Timestamps.format(token.issuedOn()));
        node.put("modified_on", Timestamps.format(token.modifiedOn()));
        // Absent until first used, never null: the OpenAPI description types it as a string.
        if (token.lastUsedOn() != null) {
            node.put("last_used_on", Timestamps.format(token.lastUsedOn()));
        }
        if (token.notBefore() != null) {
            node.put("not_before", Timestamps.format(token.notBefore()));
        }
        if (token.expiresOn() != null) {
            node.put("expires_on", Timestamps.format(token.expiresOn()));
        }
        ArrayNode policies = node.putArray("policies");
        for (StoredPolicy policy : token.policies()) {
            policies.add(policy(policy));
        }
        if (!token.condition().isEmpty()) {
            ObjectNode requestIp = node.putObject("condition").putObject("request_ip");
            // A set has no order of its own; sorted, every answer about the token lists them alike.
            token.condition().in().stream().sorted().forEach(requestIp.putArray("in")::add);
            token.condition().notIn().stream().sorted().forEach(requestIp.putArray("not_in")::add);
        }
        return node;
    }

    /**
     * {@return the create answer: the token plus its {@code value}, the one time the value is shown}
     *
     * @param created the token and its value
     * @param now the time the status is reported at
     */
    public ObjectNode created(TokenStore.Created created, Instant now) {
        ObjectNode node = token(created.token(), now);
        node.put("value", created.value());
        return node;
    }

    private ObjectNode policy(StoredPolicy policy) {
        ObjectNode node = Json.object();
        node.put("id", policy.id());
        node.put("effect", policy.effect().wireName());
        ArrayNode groups = node.putArray("permission_groups");
        for (GrantedGroup granted : policy.groups()) {
            ObjectNode group = groups.addObject();
            group.put("id", granted.id());
            group.put(
                    "name",
                    catalog.byId(granted.id()).map(PermissionGroup::name).orElse(""));
            if (granted.metaKey() != null || granted.metaValue() != null) {
                // Each half only when given: both are typed as strings, so never null.
                ObjectNode meta = group.putObject("meta");
                if (granted.metaKey() != null) {
                    meta.put("key", granted.metaKey());
                }
                if (granted.metaValue() != null) {
                    meta.put("value", granted.metaValue());
                }
            }
        }
        ObjectNode resources = node.putObject("resources");
        for (ResourceGrant grant : policy.resources()) {
            if (grant.nested().isEmpty()) {
                resources.put(grant.key(), "*");
            } else {
                ObjectNode nested = resources.putObject(grant.key());
                grant.nested().stream().sorted().forEach(key -> nested.put(key, "*"));
            }
        }
        return node;
    }
}
