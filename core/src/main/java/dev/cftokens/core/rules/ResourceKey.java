package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.Subject.quote;
import static java.util.Objects.requireNonNull;

import dev.cftokens.core.catalog.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource key of a token policy, such as {@code com.cloudflare.api.account.zone.*}, checked against
 * the forms Cloudflare knows (see {@code API.md}, "Resource keys").
 *
 * <p>Accepted forms ({@link KeyForm#WIRE} takes only those without placeholders or the bare account
 * key):
 *
 * <ul>
 *   <li>account: {@code com.cloudflare.api.account} (declared only: the provisioned account), {@code
 *       com.cloudflare.api.account.{account}}, {@code com.cloudflare.api.account.<32 hex>}, {@code
 *       com.cloudflare.api.account.*}. The only account placeholder is {@code {account}}.
 *   <li>zone: {@code com.cloudflare.api.account.zone.<32 hex>}, {@code ...zone.*}, {@code
 *       ...zone.{input}}.
 *   <li>user: {@code com.cloudflare.api.user.<32 hex>}, {@code com.cloudflare.api.user.{input}}.
 *   <li>R2 bucket: {@code com.cloudflare.edge.r2.bucket.<account>_<jurisdiction>_<bucket>} with a 32
 *       hex account id, a jurisdiction of {@code default}, {@code eu} or {@code fedramp}, and a bucket
 *       name as R2 allows (3 to 63 lowercase letters, digits and hyphens, a letter or digit at each
 *       end); in a declaration each of the three parts may instead be a placeholder, which then stands
 *       for the whole part. {@code com.cloudflare.edge.r2.bucket.*} (all buckets of an account) is
 *       only valid nested under an account key: {@link #checkTopLevel} rejects it elsewhere.
 * </ul>
 *
 * <p>Ids are lowercase hex, as Cloudflare writes them; an upper-case id is rejected with its lowercase
 * spelling as the hint, so that a declared key and the key Cloudflare returns compare equal.
 * Placeholders are Java identifiers in braces (they name no-argument {@code String} methods of the
 * token interface) and always stand for a whole id or part, never for a piece of one.
 *
 * <p>A declared key becomes the key sent to Cloudflare through {@link #resolve}, which fills its
 * placeholders and checks that the result is a concrete key no broader than the declared one.
 *
 * <p>Two keys are equal when their text is equal.
 */
public final class ResourceKey {
    /** The bare account key, which in a declaration stands for the account being provisioned. */
    public static final String ACCOUNT_KEY = Scope.ACCOUNT.key();

    /** The placeholder for the account being provisioned: {@code {account}}. */
    public static final String ACCOUNT_PLACEHOLDER = "account";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final String WILDCARD = "*";
    private static final int ID_LENGTH = 32;
    private static final Set<String> JURISDICTIONS = Set.of("default", "eu", "fedramp");
    // Prefixes and message pieces built once: parsing a valid key should concatenate nothing.
    private static final String ACCOUNT_PREFIX = ACCOUNT_KEY + ".";
    private static final String ZONE_PREFIX = Scope.ZONE.key() + ".";
    private static final String USER_PREFIX = Scope.USER.key() + ".";
    private static final String BUCKET_PREFIX = Scope.R2_BUCKET.key() + ".";
    private static final String BUCKET_SHAPE = BUCKET_PREFIX + "<32 hex account id>_<jurisdiction>_<bucket name>";
    private static final String BUCKET_EXAMPLE = BUCKET_PREFIX + "{account}_default_{bucket}";
    private static final String USER_EXAMPLE = USER_PREFIX + "{userTag}";
    private static final String UPPER_CASE = "has upper-case letters; Cloudflare ids are lower case";

    /**
     * The three parts of an R2 bucket key, each as written: concrete, or a {@code {placeholder}} in a
     * declaration.
     *
     * @param accountId the 32-hex account id, or a placeholder
     * @param jurisdiction such as {@code default} or {@code eu}, or a placeholder
     * @param name the bucket's name, or a placeholder
     */
    public record Bucket(String accountId, String jurisdiction, String name) {
        /**
         * Checks the components.
         *
         * @param accountId the 32-hex account id, or a placeholder
         * @param jurisdiction such as {@code default} or {@code eu}, or a placeholder
         * @param name the bucket's name, or a placeholder
         * @throws NullPointerException when any is null
         */
        public Bucket {
            requireNonNull(accountId, "accountId");
            requireNonNull(jurisdiction, "jurisdiction");
            requireNonNull(name, "name");
        }
    }

    private final String key;
    private final KeyForm form;
    private final Scope scope;
    private final String id;
    private final List<String> placeholders;
    private final boolean wildcard;
    private final Bucket bucket;

    private ResourceKey(
            String key,
            KeyForm form,
            Scope scope,
            String id,
            List<String> placeholders,
            boolean wildcard,
            Bucket bucket) {
        this.key = key;
        this.form = form;
        this.scope = scope;
        this.id = id;
        this.placeholders = List.copyOf(placeholders);
        this.wildcard = wildcard;
        this.bucket = bucket;
    }

    /**
     * Checks {@code key} against the forms Cloudflare knows.
     *
     * @param key the key as written
     * @param form whether placeholders and the bare account key are allowed
     * @return the checked key
     * @throws InvalidValueException saying what is wrong with the key and which forms are valid
     */
    public static ResourceKey parse(String key, KeyForm form) {
        requireNonNull(key, "key");
        requireNonNull(form, "form");
        return new Parser(key, form).parse();
    }

    /**
     * Checks that {@code child} may be nested under {@code parent}, as in {@code @Policy(within =
     * parent, resources = child)} or {@code {"parent": {"child": "*"}}}: the parent must name one
     * account (the bare key, {@code {account}} or a 32-hex id; not {@code com.cloudflare.api.account.*},
     * since nesting means "of this account"), and the child must be a zone or R2 bucket key. When a
     * bucket key and its parent both name a concrete account, it must be the same one.
     *
     * @param parent the key the child nests under
     * @param child the nested key
     * @throws InvalidValueException on the offending key, with {@link InvalidValueException#value()} the
     *     parent or the child
     */
    public static void checkNested(ResourceKey parent, ResourceKey child) {
        requireNonNull(parent, "parent");
        requireNonNull(child, "child");
        if (parent.scope != Scope.ACCOUNT) {
            throw new InvalidValueException(
                    parent.key,
                    quote(parent.key) + " is " + article(parent.scope)
                            + " key and cannot hold nested keys; only one account can: "
                            + singleAccountForms(parent.form));
        }
        if (parent.wildcard) {
            throw new InvalidValueException(
                    parent.key,
                    quote(parent.key)
                            + " means all accounts and cannot hold nested keys; nested keys belong to one account: "
                            + singleAccountForms(parent.form));
        }
        if (child.scope != Scope.ZONE && child.scope != Scope.R2_BUCKET) {
            throw new InvalidValueException(
                    child.key,
                    quote(child.key) + " is " + article(child.scope)
                            + " key and cannot be nested under an account key; only zone and R2 bucket keys can."
                            + " Grant it as a resource of its own, not within " + parent.key);
        }
        if (child.bucket != null
                && isHexId(child.bucket.accountId())
                && isHexId(parent.id)
                && !child.bucket.accountId().equals(parent.id)) {
            throw new InvalidValueException(
                    child.key,
                    quote(child.key) + " is a bucket of account "
                            + child.bucket.accountId() + ", so it cannot be nested under account " + parent.id
                            + "; nest it under " + ACCOUNT_KEY + "." + child.bucket.accountId());
        }
    }

    /**
     * Checks that {@code key} may stand on its own rather than nested: {@code
     * com.cloudflare.edge.r2.bucket.*} cannot, since it means all buckets of the account it is nested
     * under.
     *
     * @param key the key to check
     * @throws InvalidValueException naming the key and how to nest it
     */
    public static void checkTopLevel(ResourceKey key) {
        requireNonNull(key, "key");
        if (key.isNestedOnly()) {
            String how = key.form == KeyForm.DECLARED
                    ? "declare it with within = \"" + ACCOUNT_KEY + "\" (or another account key)"
                    : "send it as {\"" + ACCOUNT_KEY + ".<32 hex account id>\": {\"" + key.key + "\": \"*\"}}";
            throw new InvalidValueException(
                    key.key,
                    quote(key.key)
                            + " means all R2 buckets of one account and is only valid nested under that account's key; "
                            + how);
        }
    }

    /**
     * A declared key of {@code scope} for messages that suggest one: the provisioned account, all zones,
     * the user named by an input, a bucket named by placeholders. Each parses as a {@link
     * KeyForm#DECLARED} key of its scope and may stand on its own.
     *
     * @param scope the kind of resource
     * @return the example key, such as {@code com.cloudflare.api.account.zone.*}
     */
    public static String example(Scope scope) {
        switch (requireNonNull(scope, "scope")) {
            case ACCOUNT:
                return ACCOUNT_KEY;
            case ZONE:
                return ZONE_PREFIX + WILDCARD;
            case USER:
                return USER_EXAMPLE;
            case R2_BUCKET:
                return BUCKET_EXAMPLE;
            default:
                throw new AssertionError(scope);
        }
    }

    /**
     * Every placeholder name written in {@code key}, in order, without braces, {@code account} included.
     * Unlike {@link #placeholders()} this reads any text, checked or not.
     *
     * @param key any text
     * @return the names, such as {@code [account, zoneId]}
     */
    public static List<String> placeholdersIn(String key) {
        Matcher matcher = PLACEHOLDER.matcher(requireNonNull(key, "key"));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The key sent to Cloudflare for the declared key {@code declared}: the bare account key and
     * {@code {account}} name {@code accountId}, every other placeholder takes its value from
     * {@code inputValues}. Input values come from callers at run time, not from the checked
     * declaration: a zone id of {@code *} would widen the token to every zone, and a malformed id would
     * only fail halfway through an apply. So the result must be a valid {@link KeyForm#WIRE} key, and a
     * wildcard only where the declared key is one.
     *
     * @param declared the key as declared, checked in {@link KeyForm#DECLARED} form
     * @param accountId the account being provisioned; may be null when the key does not name it
     * @param inputValues the value of each input, by placeholder name; a placeholder without an entry is
     *     not an input
     * @return the key to send, a valid {@link KeyForm#WIRE} key
     * @throws InvalidValueException with {@link InvalidValueException#value()} the declared key, saying
     *     which value is missing or what the key would become
     */
    public static String resolve(String declared, String accountId, Map<String, String> inputValues) {
        requireNonNull(declared, "declared");
        requireNonNull(inputValues, "inputValues");
        if (declared.equals(ACCOUNT_KEY)) {
            return ACCOUNT_PREFIX + requireAccount(declared, accountId);
        }
        if (declared.indexOf('{') < 0) {
            return declared;
        }
        String resolved = substitute(declared, accountId, inputValues);
        ResourceKey key = parse(declared, KeyForm.DECLARED);
        ResourceKey concrete;
        try {
            concrete = parse(resolved, KeyForm.WIRE);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(
                    declared,
                    "with " + describeValues(declared, accountId, inputValues) + ", resource key " + declared
                            + " becomes an invalid key: " + e.getMessage(),
                    e);
        }
        if (concrete.isWildcard() && !key.isWildcard()) {
            throw new InvalidValueException(
                    declared,
                    "with " + describeValues(declared, accountId, inputValues) + ", resource key " + declared
                            + " becomes the wildcard " + resolved + "; an input must name one resource");
        }
        return resolved;
    }

    private static String substitute(String declared, String accountId, Map<String, String> inputValues) {
        Matcher matcher = PLACEHOLDER.matcher(declared);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (name.equals(ACCOUNT_PLACEHOLDER)) {
                value = requireAccount(declared, accountId);
            } else if (inputValues.containsKey(name)) {
                value = inputValues.get(name);
            } else {
                throw new InvalidValueException(
                        declared, "resource key " + declared + " uses {" + name + "}, which is not an input");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static String requireAccount(String declared, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new InvalidValueException(
                    declared,
                    "resource key " + declared + " names the provisioned account, but no account id is known;"
                            + " set CLOUDFLARE_ACCOUNT_ID");
        }
        return accountId;
    }

    /** The values a key was resolved with, for a message: {@code account id "x" and input zoneId() = "y"}. */
    private static String describeValues(String declared, String accountId, Map<String, String> inputValues) {
        StringBuilder out = new StringBuilder();
        for (String name : placeholdersIn(declared)) {
            out.append(out.length() == 0 ? "" : " and ");
            if (name.equals(ACCOUNT_PLACEHOLDER)) {
                out.append("account id \"").append(accountId).append('"');
            } else {
                out.append("input ")
                        .append(name)
                        .append("() = \"")
                        .append(inputValues.get(name))
                        .append('"');
            }
        }
        return out.toString();
    }

    /** {@return the key exactly as given} */
    public String key() {
        return key;
    }

    /** {@return the form the key was checked in} */
    public KeyForm form() {
        return form;
    }

    /** {@return the kind of resource the key names, which decides the permission groups that apply to it} */
    public Scope scope() {
        return scope;
    }

    /**
     * What follows the scope's prefix: the 32-hex id, {@code *} or {@code {placeholder}}; for a bucket
     * {@code <account>_<jurisdiction>_<bucket>} or {@code *}; empty for the bare account key.
     *
     * @return the id part of the key
     */
    public String id() {
        return id;
    }

    /** {@return the placeholder names in the key, without braces, in order; includes {@code account}} */
    public List<String> placeholders() {
        return placeholders;
    }

    /** {@return the placeholders that need an input value: all but {@code account}, which the provisioner knows} */
    public List<String> inputs() {
        List<String> inputs = new ArrayList<>(placeholders);
        inputs.remove(ACCOUNT_PLACEHOLDER);
        return List.copyOf(inputs);
    }

    /** {@return true for {@code ...account.*}, {@code ...zone.*} and {@code ...bucket.*}} */
    public boolean isWildcard() {
        return wildcard;
    }

    /** {@return true for the bare account key and {@code com.cloudflare.api.account.{account}}} */
    public boolean isProvisionedAccount() {
        return scope == Scope.ACCOUNT && (id.isEmpty() || id.equals("{" + ACCOUNT_PLACEHOLDER + "}"));
    }

    /** {@return true when the key can be sent to Cloudflare as it is: no placeholder, not the bare account key} */
    public boolean isConcrete() {
        return placeholders.isEmpty() && !id.isEmpty();
    }

    /** {@return true for {@code com.cloudflare.edge.r2.bucket.*}, which only means something nested} */
    public boolean isNestedOnly() {
        return scope == Scope.R2_BUCKET && wildcard;
    }

    /** {@return the parts of an R2 bucket key; empty for other keys and for {@code ...bucket.*}} */
    public Optional<Bucket> bucket() {
        return Optional.ofNullable(bucket);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceKey && ((ResourceKey) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * True when {@code id} has the form of a Cloudflare account, zone or user id: 32 lower-case hex
     * characters. The one home of that rule, for every module.
     *
     * @param id the text to check
     * @return whether it is such an id
     */
    public static boolean isHexId(String id) {
        return id != null && hexIdProblem(id) == null;
    }

    /**
     * Why {@code id} is not 32 lowercase hex characters, or null when it is; {@link #UPPER_CASE} when
     * only the case is wrong.
     */
    private static String hexIdProblem(String id) {
        boolean upper = false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return "is not hex (" + quote(id.substring(i, id.offsetByCodePoints(i, 1))) + " is not a hex digit)";
            }
        }
        if (id.length() != ID_LENGTH) {
            return "has " + id.length() + (id.length() == 1 ? " character" : " characters");
        }
        return upper ? UPPER_CASE : null;
    }

    private static String singleAccountForms(KeyForm form) {
        return form == KeyForm.DECLARED
                ? ACCOUNT_KEY + " (the provisioned account), " + ACCOUNT_KEY + ".{account} or " + ACCOUNT_KEY
                        + ".<32 hex account id>"
                : ACCOUNT_KEY + ".<32 hex account id>";
    }

    private static String forms(Scope scope, KeyForm form) {
        boolean declared = form == KeyForm.DECLARED;
        switch (scope) {
            case ACCOUNT:
                return declared
                        ? ACCOUNT_KEY + " (the provisioned account), " + ACCOUNT_KEY + ".{account}, " + ACCOUNT_KEY
                                + ".<32 hex account id> or " + ACCOUNT_KEY + ".* (all accounts)"
                        : ACCOUNT_KEY + ".<32 hex account id> or " + ACCOUNT_KEY + ".* (all accounts)";
            case ZONE:
                return Scope.ZONE.key() + ".<32 hex zone id>" + (declared ? ", " + Scope.ZONE.key() + ".{input}" : "")
                        + " or " + Scope.ZONE.key() + ".* (all zones)";
            case USER:
                return Scope.USER.key() + ".<32 hex user tag>"
                        + (declared ? " or " + Scope.USER.key() + ".{input}" : "");
            case R2_BUCKET:
                return Scope.R2_BUCKET.key() + ".<32 hex account id>_<jurisdiction>_<bucket name>"
                        + " (jurisdiction default, eu or fedramp"
                        + (declared ? "; each part may be a {placeholder}" : "")
                        + ") or, nested under an account key only, " + Scope.R2_BUCKET.key() + ".*";
            default:
                throw new AssertionError(scope);
        }
    }

    private static String allForms(KeyForm form) {
        return "valid keys are account keys (" + forms(Scope.ACCOUNT, form) + "), zone keys (" + forms(Scope.ZONE, form)
                + "), user keys (" + forms(Scope.USER, form) + ") and R2 bucket keys (" + forms(Scope.R2_BUCKET, form)
                + ")";
    }

    private static String article(Scope scope) {
        return article(scope.displayName());
    }

    private static String article(String noun) {
        // The nouns here are account, zone, user, R2 bucket and their ids: only "account" takes "an".
        return (noun.startsWith("account") ? "an " : "a ") + noun;
    }

    /** One parse of one key; holds the key so every message can quote it. */
    private static final class Parser {
        private final String key;
        private final KeyForm form;
        private final Subject subject;
        private final List<String> placeholders = new ArrayList<>(3);

        Parser(String key, KeyForm form) {
            this.key = key;
            this.form = form;
            this.subject = new Subject("resource key", key);
        }

        ResourceKey parse() {
            if (key.isEmpty()) {
                throw invalid("resource key is empty; " + allForms(form));
            }
            if (!key.strip().equals(key)) {
                throw invalid(subject + " has leading or trailing whitespace; write " + quote(key.strip()));
            }
            if (key.equals(ACCOUNT_KEY)) {
                if (form == KeyForm.WIRE) {
                    throw invalid(
                            subject + " names no account; the bare key stands for the provisioned account only in a"
                                    + " declaration, a key sent to Cloudflare needs " + forms(Scope.ACCOUNT, form));
                }
                return key(Scope.ACCOUNT, "", false, null);
            }
            if (key.startsWith(ZONE_PREFIX)) {
                return idKey(Scope.ZONE, key.substring(ZONE_PREFIX.length()));
            }
            if (key.equals(Scope.ZONE.key())) {
                throw invalid(subject + " names no zone; zone keys are " + forms(Scope.ZONE, form));
            }
            if (key.startsWith(ACCOUNT_PREFIX)) {
                String rest = key.substring(ACCOUNT_PREFIX.length());
                int close = rest.startsWith("{") ? rest.indexOf('}') : -1;
                int dot = rest.indexOf('.', close + 1);
                if (dot >= 0) {
                    String first = rest.substring(0, dot);
                    if (isHexId(first) || close == dot - 1) {
                        // Such as com.cloudflare.api.account.<id>.zone.*: a child written as a path below its account.
                        throw invalid(
                                subject + " writes a key below an account id, but keys do not nest by path; nest the"
                                        + " zone or R2 bucket key under the account key instead: "
                                        + (form == KeyForm.DECLARED
                                                ? "@Policy(within = \"" + ACCOUNT_KEY + "." + first
                                                        + "\", resources = \"" + Scope.ZONE.key() + ".*\")"
                                                : "{\"" + ACCOUNT_KEY + "." + first + "\": {\"" + Scope.ZONE.key()
                                                        + ".*\": \"*\"}}"));
                    }
                    throw invalid(subject + " is not a Cloudflare resource key: there is no resource type "
                            + quote(first) + " under an account, only zone; " + allForms(form));
                }
                return idKey(Scope.ACCOUNT, rest);
            }
            if (key.startsWith(USER_PREFIX)) {
                return idKey(Scope.USER, key.substring(USER_PREFIX.length()));
            }
            if (key.equals(Scope.USER.key())) {
                throw invalid(subject + " names no user; user keys are " + forms(Scope.USER, form));
            }
            if (key.startsWith(BUCKET_PREFIX)) {
                return bucketKey(key.substring(BUCKET_PREFIX.length()));
            }
            if (key.equals(Scope.R2_BUCKET.key())) {
                throw invalid(subject + " names no bucket; R2 bucket keys are " + forms(Scope.R2_BUCKET, form));
            }
            throw invalid(subject + " is not a Cloudflare resource key" + nearForm() + "; " + allForms(form));
        }

        /** A cheap guess at what was meant by an unknown key, or empty. */
        private String nearForm() {
            String lower = key.toLowerCase(Locale.ROOT);
            if (!lower.equals(key)) {
                try {
                    ResourceKey.parse(lower, form);
                    return " (keys are lower case: write " + lower + ")";
                } catch (InvalidValueException notThat) {
                    // The lowercase spelling is wrong too; fall through to the general hints.
                }
            }
            if (lower.startsWith("com.cloudflare.api.zone")) {
                return " (zone keys live under the account: " + Scope.ZONE.key() + ".…)";
            }
            if (lower.startsWith("com.cloudflare.api.accounts") || lower.startsWith("com.cloudflare.api.users")) {
                return " (the scope names are singular: account, user)";
            }
            if (lower.startsWith("com.cloudflare.api.r2") || lower.startsWith("com.cloudflare.r2")) {
                return " (R2 bucket keys start with " + Scope.R2_BUCKET.key() + ".)";
            }
            return "";
        }

        private ResourceKey idKey(Scope scope, String id) {
            String idName = idName(scope);
            if (id.isEmpty()) {
                throw invalid(subject + " ends with a dot but names no " + idName + "; " + scope.displayName()
                        + " keys are " + forms(scope, form));
            }
            if (id.equals(WILDCARD)) {
                if (scope == Scope.USER) {
                    throw invalid(subject + " is not a user key: there is no wildcard for users; user keys are "
                            + forms(Scope.USER, form));
                }
                return key(scope, id, true, null);
            }
            if (id.indexOf('{') >= 0 || id.indexOf('}') >= 0) {
                String example = placeholderExample(scope);
                String name = placeholder(id, idName, example);
                if (scope == Scope.ACCOUNT && !name.equals(ACCOUNT_PLACEHOLDER)) {
                    throw invalid(subject + " uses {" + name
                            + "} as the account id; the only account placeholder is {account},"
                            + " the provisioned account: write " + ACCOUNT_PREFIX
                            + "{account}, or use a 32 hex account id");
                }
                if (scope != Scope.ACCOUNT && name.equals(ACCOUNT_PLACEHOLDER)) {
                    throw invalid(subject + " puts {account}, the provisioned account's id, where a " + idName
                            + " belongs; name an input instead, like " + example);
                }
                return key(scope, id, false, null);
            }
            String problem = hexIdProblem(id);
            if (problem != null) {
                String right = problem.equals(UPPER_CASE)
                        ? ": write " + scope.key() + "." + id.toLowerCase(Locale.ROOT)
                        : "; " + article(idName) + " is 32 lowercase hex characters; " + scope.displayName()
                                + " keys are " + forms(scope, form);
                throw invalid(subject + " has " + idName + " " + quote(id) + ", which " + problem + right);
            }
            return key(scope, id, false, null);
        }

        private static String idName(Scope scope) {
            switch (scope) {
                case ACCOUNT:
                    return "account id";
                case ZONE:
                    return "zone id";
                default:
                    return "user tag";
            }
        }

        private static String placeholderExample(Scope scope) {
            switch (scope) {
                case ACCOUNT:
                    return ACCOUNT_PREFIX + "{account}";
                case ZONE:
                    return ZONE_PREFIX + "{zoneId}";
                default:
                    return USER_EXAMPLE;
            }
        }

        private ResourceKey bucketKey(String rest) {
            if (rest.equals(WILDCARD)) {
                return key(Scope.R2_BUCKET, rest, true, null);
            }
            if (rest.isEmpty()) {
                throw invalid(subject + " ends with a dot but names no bucket; R2 bucket keys are "
                        + forms(Scope.R2_BUCKET, form));
            }
            List<String> parts = splitOutsideBraces(rest);
            if (parts.size() != 3) {
                String hint;
                if (parts.size() == 2) {
                    hint = "; if the bucket has no jurisdiction, write " + Scope.R2_BUCKET.key() + "." + parts.get(0)
                            + "_default_" + parts.get(1);
                } else if (parts.size() > 3) {
                    hint = "; bucket names cannot contain _";
                } else {
                    hint = ", such as " + Scope.R2_BUCKET.key() + ".023e105f4ecef8ad9ca31a8372d0c353_default_my-bucket";
                }
                throw invalid(subject + " has " + parts.size() + (parts.size() == 1 ? " part" : " parts")
                        + " separated by _, not 3; an R2 bucket key is " + BUCKET_SHAPE
                        + ", with jurisdiction default, eu or fedramp" + hint);
            }
            String account = parts.get(0);
            String jurisdiction = parts.get(1);
            String name = parts.get(2);
            String example = BUCKET_EXAMPLE;

            if (hasBrace(account)) {
                placeholder(account, "account id", example);
            } else {
                String problem = hexIdProblem(account);
                if (problem != null) {
                    String right = problem.equals(UPPER_CASE)
                            ? ": write " + Scope.R2_BUCKET.key() + "." + account.toLowerCase(Locale.ROOT) + "_"
                                    + jurisdiction + "_" + name
                            : "; an account id is 32 lowercase hex characters; an R2 bucket key is " + BUCKET_SHAPE;
                    throw invalid(subject + " has account id " + quote(account) + ", which " + problem + right);
                }
            }

            if (hasBrace(jurisdiction)) {
                notAccount(placeholder(jurisdiction, "jurisdiction", example), "jurisdiction", example);
            } else if (!JURISDICTIONS.contains(jurisdiction)) {
                String lower = jurisdiction.toLowerCase(Locale.ROOT);
                String right = JURISDICTIONS.contains(lower)
                        ? "jurisdictions are lower case: write " + lower
                        : "jurisdictions are default (none), eu and fedramp";
                throw invalid(subject + " has jurisdiction " + quote(jurisdiction) + "; " + right);
            }

            if (hasBrace(name)) {
                notAccount(placeholder(name, "bucket name", example), "bucket name", example);
            } else {
                String problem = bucketNameProblem(name);
                if (problem != null) {
                    throw invalid(subject + " has bucket name " + quote(name) + ", which " + problem);
                }
            }
            return key(Scope.R2_BUCKET, rest, false, new Bucket(account, jurisdiction, name));
        }

        private void notAccount(String name, String partName, String example) {
            if (name.equals(ACCOUNT_PLACEHOLDER)) {
                throw invalid(subject + " puts {account}, the provisioned account's id, where the " + partName
                        + " belongs; name an input instead, like " + example);
            }
        }

        /** Checks a placeholder that should make up all of {@code part}; returns its name. */
        private String placeholder(String part, String partName, String example) {
            if (form == KeyForm.WIRE) {
                throw invalid(subject + " holds a placeholder; placeholders such as {zoneId} are only for declarations,"
                        + " a key sent to Cloudflare needs a concrete " + partName);
            }
            int open = part.indexOf('{');
            if (open != 0 || part.indexOf('}') != part.length() - 1 || part.indexOf('{', 1) >= 0) {
                throw invalid(subject + " has " + partName + " " + quote(part) + "; a placeholder must be the whole "
                        + partName + ", a Java identifier in braces, like " + example);
            }
            String name = part.substring(1, part.length() - 1);
            if (!JavaNames.isIdentifier(name)) {
                throw invalid(subject + " has placeholder " + part + ", which is not a Java identifier; a placeholder"
                        + " names a no-argument String method of the token interface, like " + example);
            }
            placeholders.add(name);
            return name;
        }

        private ResourceKey key(Scope scope, String id, boolean wildcard, Bucket bucket) {
            return new ResourceKey(key, form, scope, id, placeholders, wildcard, bucket);
        }

        private InvalidValueException invalid(String message) {
            return new InvalidValueException(key, message);
        }
    }

    private static boolean hasBrace(String part) {
        return part.indexOf('{') >= 0 || part.indexOf('}') >= 0;
    }

    // Placeholders may contain _ (they are Java identifiers), so only a _ outside braces separates parts.
    private static List<String> splitOutsideBraces(String text) {
        List<String> parts = new ArrayList<>(3);
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == '_' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String bucketNameProblem(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "has " + name.length() + " characters; R2 bucket names have 3 to 63";
        }
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return "contains " + quote(name.substring(i, name.offsetByCodePoints(i, 1)))
                        + "; R2 bucket names hold only lowercase letters, digits and hyphens";
            }
        }
        if (upper) {
            return "has upper-case letters; R2 bucket names are lower case: " + name.toLowerCase(Locale.ROOT);
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            return (name.startsWith("-") ? "starts" : "ends") + " with a hyphen; R2 bucket names start and end"
                    + " with a letter or digit";
        }
        return null;
    }
}
