package dev.cftokens.core.model;

import java.util.Set;

/**
 * The {@code condition.request_ip} of a token: CIDRs it may be used from ({@code in}) and never from
 * ({@code notIn}). Sets, because Cloudflare does not promise to keep the order.
 */
public record RequestIpCondition(Set<String> in, Set<String> notIn) {
  public static final RequestIpCondition NONE = new RequestIpCondition(Set.of(), Set.of());

  public RequestIpCondition {
    in = Set.copyOf(in);
    notIn = Set.copyOf(notIn);
  }

  /** True when the token is usable from any address. */
  public boolean isEmpty() {
    return in.isEmpty() && notIn.isEmpty();
  }
}
