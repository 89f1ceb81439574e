package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;

/** A token as the API lists it: what the planner compares the desired token with. */
public record ExistingToken(String id, TokenOwner owner, TokenSpec spec, TokenStatus status) {
  public ExistingToken {
    requireNonNull(id, "id");
    requireNonNull(owner, "owner");
    requireNonNull(spec, "spec");
    requireNonNull(status, "status");
  }
}
