package dev.cftokens.runtime.internal.provision;

import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.Secret;

/**
 * One declaration's token as {@link Engine#provision} leaves it, with its value.
 *
 * @param tokenId Cloudflare's id of the token
 * @param name the token's name
 * @param status whether it is active, disabled or expired
 * @param value its secret value
 */
public record ProvisionedValue(String tokenId, String name, TokenStatus status, Secret value) {}
