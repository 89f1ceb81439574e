package dev.cftokens.core.rules;

/** Where a resource key comes from, which decides whether it may still hold placeholders. */
public enum KeyForm {
    /**
     * As written in {@code @Policy}: ids may be placeholders ({@code {account}}, {@code {zoneId}}), and
     * the bare {@code com.cloudflare.api.account} stands for the account being provisioned.
     */
    DECLARED,

    /** As sent to Cloudflare: only concrete keys, with 32-hex ids or {@code *}. */
    WIRE
}
