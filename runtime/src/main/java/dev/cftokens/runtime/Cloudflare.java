package dev.cftokens.runtime;

/**
 * Placeholder until the runtime client lands: the entry point to Cloudflare's API. See issue "Runtime
 * client".
 */
public final class Cloudflare {
  private Cloudflare() {}
}
