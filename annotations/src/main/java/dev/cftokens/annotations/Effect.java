package dev.cftokens.annotations;

/** Whether a policy grants or withholds its permission groups. Deny policies win over allow policies. */
public enum Effect {
    ALLOW,
    DENY
}
