package dev.cftokens.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, in one place. Each carries a short tag users can search for
 * ({@code [cftokens:unknown-permission-group]}) and says what is wrong, the value, and what would be right.
 */
enum Message {
    // The processor itself
    INTERNAL_ERROR("internal-error", "cftokens failed while processing %s: %s" + Text.BUG),
    INTERNAL_ERROR_IN_ROUND("internal-error", "cftokens failed while processing this round: %s" + Text.BUG),
    CATALOG_UNREADABLE(
            "catalog",
            "-A" + ApiTokenProcessor.CATALOG_OPTION + "=%s: %s. Give the path of a permission-group catalog"
                    + " ({\"groups\": [...]}, a JSON array, or the API answer {\"result\": [...]}), or drop the option"
                    + " to use the bundled catalog"),
    MISSING_RUNTIME(
            "missing-runtime",
            "the provisioner of %s would extend %s, which is not on the class path; add dev.cftokens:cftokens-runtime,"
                    + " the same version as the processor, to the dependencies"),
    WRITE_FAILED(
            "write-failed",
            "cannot write %s for %s: %s. If a class of that name already exists, rename it or the interface"),
    UNRESOLVED_TYPE(
            "unresolved-type",
            "%s refers to types that were never generated or found (%s); its provisioner was not written"),

    // Where the annotations may go
    NOT_AN_INTERFACE(
            "not-an-interface", "@ApiToken goes on an interface, but %s is a %s; declare the token as `interface %s`"),
    LOCAL_INTERFACE(
            "local-interface",
            "@ApiToken interface %s is local; declare it top-level or nested in a class or interface"),
    PRIVATE_INTERFACE(
            "private-interface",
            "@ApiToken interface %s is private (or inside a private type); its provisioner, written beside it in"
                    + " the same package, could not see it. Make it at least package-private"),
    GENERIC_INTERFACE(
            "generic-interface",
            "@ApiToken interface %s has type parameters; a token type cannot be generic, remove <%s>"),
    MISSING_API_TOKEN(
            "missing-api-token", "@%s on %s has no effect without @ApiToken; add @ApiToken to declare the token"),
    MISSING_POLICY(
            "missing-policy",
            "@ApiToken %s has no @Policy; a token needs at least one, such as"
                    + " @Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")"),

    // @ApiToken attributes
    INVALID_NAME("invalid-name", Text.RULE),
    INVALID_ID("invalid-id", Text.RULE),
    INVALID_DEFAULT_ID("invalid-id", Text.INVALID_DEFAULT_ID + "; set one with @ApiToken(id = \"%s\")"),
    INVALID_DEFAULT_ID_NOT_ASCII(
            "invalid-id",
            Text.INVALID_DEFAULT_ID + "; set one with @ApiToken(id = \"...\"), in kebab case like \"readonly-token\""),
    DUPLICATE_ID(
            "duplicate-id",
            "token id \"%s\" is already used by %s; ids must be unique, give this token another id"
                    + " with @ApiToken(id = \"...\")"),
    INVALID_TIMESTAMP("invalid-timestamp", "%s: %s"),
    EXPIRES_BEFORE_NOT_BEFORE("expires-before-not-before", "expiresOn \"%s\" is not after notBefore \"%s\": %s"),
    ALREADY_EXPIRED(
            "already-expired",
            "expiresOn \"%s\" is already past; Cloudflare will create the token expired. Set a future date or"
                    + " drop expiresOn",
            Diagnostic.Kind.WARNING),

    // @Rotation: the texts are RotationRules', the one home of these rules
    INVALID_DURATION("invalid-duration", Text.RULE),
    ROTATION_TOO_OFTEN("rotation-too-often", Text.RULE),
    ROTATION_TOO_RARE("rotation-too-rare", Text.RULE),
    OVERLAP_NOT_POSITIVE("overlap-not-positive", Text.RULE),
    OVERLAP_NOT_SHORTER("overlap-not-shorter", Text.RULE),
    ROTATION_WITH_EXPIRES_ON("rotation-with-expires-on", Text.RULE),

    // Permission groups
    NO_PERMISSION_GROUPS(
            "empty-permission-groups", "@Policy has no permission groups; name at least one, such as \"Zone Read\""),
    UNKNOWN_PERMISSION_GROUP("unknown-permission-group", Text.UNKNOWN_PERMISSION_GROUP + "; did you mean \"%s\"?"),
    UNKNOWN_PERMISSION_GROUP_NOTHING_CLOSE(
            "unknown-permission-group",
            Text.UNKNOWN_PERMISSION_GROUP + "; no group in the catalog (%s) has a similar name. Use the API's name,"
                    + " as in dev.cftokens.annotations.PermissionGroups"),
    AMBIGUOUS_PERMISSION_GROUP(
            "ambiguous-permission-group",
            "permission group \"%s\" exists for several scopes and this policy has resources of each: %s."
                    + " Put the %s resources in separate policies so each name resolves to one group"),
    DUPLICATE_PERMISSION_GROUP(
            "duplicate-permission-group",
            "permission group \"%s\" is listed twice in this policy; remove one",
            Diagnostic.Kind.WARNING),
    GROUP_WITHOUT_RESOURCE(
            "scope-mismatch",
            "permission group \"%s\" exists for %s resources, but this policy has none; add a resource such as"
                    + " \"%s\" or move the group to a policy that has one"),
    SCOPE_MISMATCH("scope-mismatch", Text.RULE),
    USER_TOKEN_GROUP(
            "owner-mismatch",
            "permission group \"%s\" is not user-scoped, but the token is owned by the user (owner = USER);"
                    + " user-owned tokens take only user groups (%s). Use owner = ACCOUNT for this group"),
    USER_TOKEN_RESOURCE(
            "owner-mismatch",
            "resource \"%s\" is not the user key, but the token is owned by the user (owner = USER);"
                    + " user-owned tokens grant only on \"%s\" or a 32-hex user tag"),
    ACCOUNT_TOKEN_USER_GROUP(
            "owner-mismatch",
            "permission group \"%s\" is user-scoped, but the token is owned by the account; add"
                    + " owner = Owner.USER to @ApiToken (and grant it on the user key) or choose an account group"),

    // Resource keys
    NO_RESOURCES(
            "empty-resources",
            "@Policy has no resources; name at least one key, such as \"com.cloudflare.api.account.zone.*\""),
    INVALID_RESOURCE_KEY("invalid-resource-key", Text.RULE),
    INVALID_WITHIN("invalid-within", Text.RULE),
    DUPLICATE_RESOURCE(
            "duplicate-resource",
            "resource \"%s\" is listed twice in this policy; remove one",
            Diagnostic.Kind.WARNING),

    // Inputs
    MISSING_INPUT(
            "missing-input",
            "resource key \"%s\" uses {%s}, but the interface has no input for it; add the method `String %s();`"),
    UNUSED_INPUT("unused-input", "input %s() is not used by any resource key; use {%s} in a key or remove the method"),
    RESERVED_INPUT(
            "reserved-input",
            "input account() clashes with the placeholder {account}, which always means the provisioned account;"
                    + " rename the method"),
    INVALID_INPUT_METHOD("invalid-input-method", "method %s " + Text.NOT_AN_INPUT),
    INVALID_INPUT_METHOD_INHERITED_BY("invalid-input-method", "method %s (inherited by %s) " + Text.NOT_AN_INPUT),
    INVALID_INPUT_METHOD_INHERITED_FROM("invalid-input-method", "method %s (inherited from %s) " + Text.NOT_AN_INPUT),

    // Request IP
    INVALID_CIDR("invalid-cidr", Text.RULE),
    DUPLICATE_CIDR(
            "duplicate-cidr",
            "@RequestIp lists \"%s\" twice (first as %s); remove the duplicate",
            Diagnostic.Kind.WARNING),
    NOT_IN_OUTSIDE_IN(
            "not-in-outside-in",
            "notIn \"%s\" lies outside every `in` range (%s), so it excludes nothing; remove it or fix the range",
            Diagnostic.Kind.WARNING),
    ;

    /** Pieces several messages share; a class of its own, since enum constants cannot read the enum's statics. */
    private static final class Text {
        /**
         * A message whose text is the one a core rule gave (an {@code InvalidValueException} or a {@code
         * ScopeMismatch}): the rule words it once for the processor, the runtime and the emulator alike.
         */
        static final String RULE = "%s";

        static final String BUG = ". This is a bug in cftokens; please report it with this message and the declaration";
        static final String INVALID_DEFAULT_ID = "the default id \"%s\", derived from the name %s, is not a valid"
                + " token id (lowercase ASCII letters and digits in words joined by single hyphens)";
        static final String UNKNOWN_PERMISSION_GROUP = "unknown permission group \"%s\"";
        static final String NOT_AN_INPUT = "is not a token input; inputs are abstract no-argument methods"
                + " `String name()` used as {name} in a resource key (default and static methods are allowed)";
    }

    private final String tag;
    private final String format;
    private final Diagnostic.Kind kind;

    Message(String tag, String format) {
        this(tag, format, Diagnostic.Kind.ERROR);
    }

    Message(String tag, String format, Diagnostic.Kind kind) {
        this.tag = tag;
        this.format = format;
        this.kind = kind;
    }

    /** The short name in brackets, such as {@code cftokens:unknown-permission-group}. */
    String tag() {
        return "cftokens:" + tag;
    }

    Diagnostic.Kind kind() {
        return kind;
    }

    String format(Object... args) {
        return "[" + tag() + "] " + String.format(format, args);
    }
}
