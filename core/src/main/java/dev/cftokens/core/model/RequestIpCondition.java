package dev.cftokens.core.model;

import dev.cftokens.core.rules.Cidr;
import dev.cftokens.core.rules.InvalidValueException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code condition.request_ip} of a token: CIDRs it may be used from ({@code in}) and never from
 * ({@code notIn}). Sets, because Cloudflare does not promise to keep the order.
 *
 * <p>Entries are kept in canonical form ({@code 2001:DB8::/32} becomes {@code 2001:db8::/32}, a bare
 * address becomes a {@code /32} or {@code /128}), so a declared condition equals the same condition
 * read back from the API however either side spelled it. An entry that is no CIDR at all is kept as
 * written: validation is the processor's and the API's job, and comparing must not throw.
 *
 * @param in the CIDRs the token may be used from; empty for any
 * @param notIn the CIDRs the token may never be used from
 */
public record RequestIpCondition(Set<String> in, Set<String> notIn) {
    /** No condition: the token is usable from any address. */
    public static final RequestIpCondition NONE = new RequestIpCondition(Set.of(), Set.of());

    /**
     * Keeps each entry in canonical form.
     *
     * @param in the CIDRs the token may be used from; empty for any
     * @param notIn the CIDRs the token may never be used from
     * @throws NullPointerException when either set is null
     */
    public RequestIpCondition {
        in = canonical(in);
        notIn = canonical(notIn);
    }

    /** {@return true when the token is usable from any address} */
    public boolean isEmpty() {
        return in.isEmpty() && notIn.isEmpty();
    }

    private static Set<String> canonical(Set<String> cidrs) {
        Set<String> out = new LinkedHashSet<>();
        for (String cidr : cidrs) {
            out.add(canonical(cidr));
        }
        return Set.copyOf(out);
    }

    static String canonical(String cidr) {
        String text = cidr.strip();
        if (text.indexOf('/') < 0) {
            text = text + (text.indexOf(':') >= 0 ? "/128" : "/32");
        }
        try {
            return Cidr.parse(text).toString();
        } catch (InvalidValueException e) {
            return cidr;
        }
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, some
    // 25 ms of every cold start that plans (specs are hashed into sets and compared on every run).
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestIpCondition other
                && Objects.equals(in, other.in)
                && Objects.equals(notIn, other.notIn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(in, notIn);
    }
}
