package dev.cftokens.emulator.access;

import dev.cftokens.emulator.tokens.StoredToken;
import java.net.InetAddress;

/** The {@code condition.request_ip} of a token, checked against the caller's address. */
final class RequestIpCheck {
  private RequestIpCheck() {}

  static void check(StoredToken token, InetAddress caller) {
    // Filled in with core's Cidr once the rules land.
  }
}
