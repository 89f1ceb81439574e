package dev.cftokens.emulator.access;

import dev.cftokens.core.rules.Cidr;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.tokens.StoredToken;
import java.net.InetAddress;

/**
 * The {@code condition.request_ip} of a token, checked against the caller's address: it must be in one
 * of the {@code in} networks (when there are any) and in none of the {@code not_in} ones, which win.
 */
final class RequestIpCheck {
    private RequestIpCheck() {}

    static void check(StoredToken token, InetAddress caller) {
        if (token.condition().isEmpty()) {
            return;
        }
        for (String cidr : token.condition().notIn()) {
            if (Cidr.parse(cidr).contains(caller)) {
                throw refused(caller, "it is in " + cidr + ", which the token's condition.request_ip.not_in excludes");
            }
        }
        if (token.condition().in().isEmpty()) {
            return;
        }
        for (String cidr : token.condition().in()) {
            if (Cidr.parse(cidr).contains(caller)) {
                return;
            }
        }
        throw refused(
                caller,
                "it is in none of the token's condition.request_ip.in networks "
                        + token.condition().in().stream().sorted().toList());
    }

    private static ApiException refused(InetAddress caller, String why) {
        return ApiException.unauthorized(
                "Cannot use the access token from location: " + caller.getHostAddress() + " (" + why + ")");
    }
}
