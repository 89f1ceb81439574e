package dev.cftokens.emulator.tokens;

import java.util.List;

/** A token's {@code condition.request_ip}: canonical CIDRs it may be used from and never from. */
public record IpCondition(List<String> in, List<String> notIn) {
  public static final IpCondition NONE = new IpCondition(List.of(), List.of());

  public IpCondition {
    in = List.copyOf(in);
    notIn = List.copyOf(notIn);
  }

  public boolean isEmpty() {
    return in.isEmpty() && notIn.isEmpty();
  }
}
