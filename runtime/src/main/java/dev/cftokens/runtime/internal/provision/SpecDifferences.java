package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.provision.ExistingToken;
import dev.cftokens.runtime.provision.TokenField;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The fields in which a listed token differs from the desired one. */
final class SpecDifferences {
    private SpecDifferences() {}

    static Set<TokenField> between(ExistingToken existing, TokenSpec desired) {
        TokenSpec actual = existing.spec();
        Set<TokenField> fields = EnumSet.noneOf(TokenField.class);
        if (!actual.name().equals(desired.name())) {
            fields.add(TokenField.NAME);
        }
        if (!actual.policies().equals(desired.policies())) {
            fields.add(TokenField.POLICIES);
        }
        if (!actual.condition().equals(desired.condition())) {
            fields.add(TokenField.CONDITION);
        }
        if (!Objects.equals(actual.notBefore(), desired.notBefore())) {
            fields.add(TokenField.NOT_BEFORE);
        }
        if (!Objects.equals(actual.expiresOn(), desired.expiresOn())) {
            fields.add(TokenField.EXPIRES_ON);
        }
        if (existing.status() == TokenStatus.DISABLED) {
            fields.add(TokenField.STATUS);
        }
        return fields;
    }

    /**
     * What {@code desired} drops that {@code actual} has and an update cannot take away; empty when an
     * update can make the token match.
     */
    static Set<TokenField> removals(TokenSpec actual, TokenSpec desired) {
        Set<TokenField> removed = EnumSet.noneOf(TokenField.class);
        if (!actual.condition().isEmpty() && desired.condition().isEmpty()) {
            removed.add(TokenField.CONDITION);
        }
        if (actual.notBefore() != null && desired.notBefore() == null) {
            removed.add(TokenField.NOT_BEFORE);
        }
        if (actual.expiresOn() != null && desired.expiresOn() == null) {
            removed.add(TokenField.EXPIRES_ON);
        }
        return removed;
    }
}
