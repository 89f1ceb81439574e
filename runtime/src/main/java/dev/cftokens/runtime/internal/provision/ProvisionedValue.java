package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Secret;

/** One declaration's token as {@link Engine#provision} leaves it, with its value. */
public record ProvisionedValue(String tokenId, String name, TokenStatus status, Secret value) {}
