package dev.cftokens.runtime.provision;

import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fields in which a listed token differs from the desired one, named as the API names them. */
final class SpecDifferences {
    private SpecDifferences() {}

    static List<String> between(ExistingToken existing, TokenSpec desired) {
        TokenSpec actual = existing.spec();
        List<String> fields = new ArrayList<>();
        if (!actual.name().equals(desired.name())) {
            fields.add("name");
        }
        if (!actual.policies().equals(desired.policies())) {
            fields.add("policies");
        }
        if (!actual.condition().equals(desired.condition())) {
            fields.add("condition");
        }
        if (!Objects.equals(actual.notBefore(), desired.notBefore())) {
            fields.add("not_before");
        }
        if (!Objects.equals(actual.expiresOn(), desired.expiresOn())) {
            fields.add("expires_on");
        }
        if (existing.status() == TokenStatus.DISABLED) {
            fields.add("status");
        }
        return fields;
    }

    /**
     * What {@code desired} drops that {@code actual} has and an update cannot take away, each as
     * {@code "<field> removed: <why>"}; empty when an update can make the token match.
     */
    static List<String> removals(TokenSpec actual, TokenSpec desired) {
        List<String> removed = new ArrayList<>();
        if (!actual.condition().isEmpty() && desired.condition().isEmpty()) {
            removed.add("request_ip removed: a token's IP condition cannot be removed in place");
        }
        if (actual.notBefore() != null && desired.notBefore() == null) {
            removed.add("not_before removed: a token's not_before cannot be removed in place");
        }
        if (actual.expiresOn() != null && desired.expiresOn() == null) {
            removed.add("expires_on removed: a token's expires_on cannot be removed in place");
        }
        return removed;
    }
}
