package dev.cftokens.runtime.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A stable SHA-256 of a {@link TokenSpec}: equal specs (policies, groups, resources and CIDRs compared
 * as sets) give equal hashes in every JVM and every run, because every set is sorted into a canonical
 * JSON form before hashing.
 */
final class SpecHash {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecHash() {}

    /**
     * {@return {@code sha256:<64 hex>} of the canonical form of {@code spec}}
     *
     * @param spec the token spec, placeholders resolved
     */
    static String of(TokenSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm(spec).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** The canonical JSON the hash is taken over; sets appear sorted. */
    static String canonicalForm(TokenSpec spec) {
        ObjectNode root = NODES.objectNode();
        root.put("name", spec.name());
        List<String> policies = new ArrayList<>();
        for (PolicySpec policy : spec.policies()) {
            policies.add(write(canonicalPolicy(policy)));
        }
        ArrayNode policyArray = root.putArray("policies");
        // Each policy is embedded as its own canonical text, so sorting the texts orders the set.
        sorted(policyArray, policies);
        ObjectNode condition = root.putObject("condition");
        sorted(condition.putArray("in"), spec.condition().in());
        sorted(condition.putArray("not_in"), spec.condition().notIn());
        root.put("not_before", instant(spec.notBefore()));
        root.put("expires_on", instant(spec.expiresOn()));
        return write(root);
    }

    private static ObjectNode canonicalPolicy(PolicySpec policy) {
        ObjectNode node = NODES.objectNode();
        node.put("effect", policy.effect().wireName());
        sorted(node.putArray("permission_groups"), policy.permissionGroupIds());
        List<String> grants = new ArrayList<>();
        for (ResourceGrant grant : policy.resources()) {
            ObjectNode grantNode = NODES.objectNode();
            grantNode.put("key", grant.key());
            sorted(grantNode.putArray("nested"), grant.nested());
            grants.add(write(grantNode));
        }
        sorted(node.putArray("resources"), grants);
        return node;
    }

    private static void sorted(ArrayNode array, Collection<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Compact, as {@code ObjectMapper.writeValueAsString} wrote it when the recorded hashes were taken. */
    private static String write(JsonNode node) {
        return JsonTrees.write(node);
    }
}
