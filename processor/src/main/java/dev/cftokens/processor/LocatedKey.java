package dev.cftokens.processor;

import dev.cftokens.core.rules.ResourceKey;

/** A parsed resource key with where it was written, to point at it when its placeholders have no input. */
record LocatedKey(ResourceKey key, Location location) {}
