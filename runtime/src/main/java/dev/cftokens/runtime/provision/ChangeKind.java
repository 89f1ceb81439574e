package dev.cftokens.runtime.provision;

/** What a plan does to one declaration's token, with the symbol it is printed with. */
public enum ChangeKind {
    /** Declared, not in the state, no matching token: create it. */
    CREATE("+", "create", "created"),
    /**
     * Not in the state, but an unrecorded token with its name and grants exists (the state did not
     * survive a restart, or an earlier run lost a create's answer): record it, rolling it if its value is
     * needed and not stored.
     */
    ADOPT("~", "adopt", "adopted"),
    /** The declaration changed: PUT the new spec; the id and value stay. */
    UPDATE("~", "update", "updated"),
    /**
     * Owner or account changed, or the declaration dropped a request-IP condition or date that an
     * update cannot remove: create the new token, then delete the old one. The value changes.
     */
    REPLACE("-/+", "replace", "replaced"),
    /**
     * A rotating token's generation is due (or a rotation was asked for): create the successor, make it
     * current, keep the previous generation valid for the overlap. Successor first, never a roll.
     */
    ROTATE("+/-", "rotate", "rotated"),
    /** A rotated token's previous generation has had its overlap (or was revoked): delete it. */
    RETIRE("-", "retire", "retired"),
    /** The token changed outside cftokens: PUT the declared spec back. */
    DRIFTED_CHANGED("!", "drifted", "repaired"),
    /** The token was deleted outside cftokens: create it again. */
    DRIFTED_DELETED("!", "drifted", "repaired"),
    /** In the state, no longer declared: delete it. */
    DELETE("-", "delete", "deleted"),
    /** Matches its declaration. */
    UNCHANGED("=", "unchanged", "unchanged");

    private final String symbol;
    private final String verb;
    private final String pastTense;

    ChangeKind(String symbol, String verb, String pastTense) {
        this.symbol = symbol;
        this.verb = verb;
        this.pastTense = pastTense;
    }

    /** {@return the mark a plan line starts with, such as {@code +} or {@code -/+}} */
    public String symbol() {
        return symbol;
    }

    /** {@return the word a plan line uses, such as {@code create}} */
    public String verb() {
        return verb;
    }

    /** {@return what a finished run says it did, such as {@code created}; both drifts are {@code repaired}} */
    public String pastTense() {
        return pastTense;
    }

    /** {@return true when carrying the change out sends a write request to Cloudflare} */
    public boolean writes() {
        return this != UNCHANGED && this != ADOPT;
    }

    /** {@return true when carrying it out creates a token} */
    public boolean creates() {
        return this == CREATE || this == REPLACE || this == DRIFTED_DELETED || this == ROTATE;
    }

    /** {@return true when carrying it out deletes a rotated token's previous generation, if one is recorded} */
    public boolean endsPreviousGeneration() {
        return this == RETIRE || this == ROTATE || this == REPLACE || this == DELETE;
    }
}
