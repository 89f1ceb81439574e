package dev.cftokens.runtime.provision;

/**
 * Whether a process writes tokens or only reads them: chosen by the credentials unless set, printed when a
 * run serves tokens without writing, and shown by the starter's health indicator.
 */
public enum ProvisioningMode {
    /**
     * The process holds the minting credential: it creates, updates and rotates tokens so they match their
     * declarations (an application provisioning at its start, CI, the command line).
     */
    PROVISION,
    /**
     * The process holds no minting credential: it serves each token the shared state records for an
     * unchanged declaration, confirmed with the token's own value, and never writes; a token it cannot serve
     * fails its start, naming what to apply where.
     */
    CONSUME;

    /** {@return the name used in settings and output, such as {@code consume}} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
