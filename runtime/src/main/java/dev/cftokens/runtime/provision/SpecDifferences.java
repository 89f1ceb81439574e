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
}
