package dev.cftokens.annotations;

/** Whether a policy grants or withholds its permission groups. Deny policies win over allow policies. */
public enum Effect {
    /** The policy grants its permission groups on its resources. */
    ALLOW,
    /** The policy withholds its permission groups on its resources, whatever an allow policy grants. */
    DENY
}
