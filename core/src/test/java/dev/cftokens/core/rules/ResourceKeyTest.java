package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.KeyForm.DECLARED;
import static dev.cftokens.core.rules.KeyForm.WIRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.rules.ResourceKey.Bucket;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceKeyTest {
    static final String ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String OTHER_ACCOUNT_ID = "99999999999999999999999999999999";
    static final String ZONE_ID = "0123456789abcdef0123456789abcdef";
    static final String USER_TAG = "fedcba9876543210fedcba9876543210";
    static final String ACCOUNT = "com.cloudflare.api.account";
    static final String ZONE = "com.cloudflare.api.account.zone";
    static final String USER = "com.cloudflare.api.user";
    static final String BUCKET = "com.cloudflare.edge.r2.bucket";

    static final String ACCOUNT_FORMS_DECLARED = ACCOUNT + " (the provisioned account), " + ACCOUNT + ".{account}, "
            + ACCOUNT + ".<32 hex account id> or " + ACCOUNT + ".* (all accounts)";
    static final String ACCOUNT_FORMS_WIRE = ACCOUNT + ".<32 hex account id> or " + ACCOUNT + ".* (all accounts)";
    static final String ZONE_FORMS_DECLARED =
            ZONE + ".<32 hex zone id>, " + ZONE + ".{input} or " + ZONE + ".* (all zones)";
    static final String ZONE_FORMS_WIRE = ZONE + ".<32 hex zone id> or " + ZONE + ".* (all zones)";
    static final String USER_FORMS_DECLARED = USER + ".<32 hex user tag> or " + USER + ".{input}";
    static final String USER_FORMS_WIRE = USER + ".<32 hex user tag>";
    static final String BUCKET_FORMS_DECLARED = BUCKET + ".<32 hex account id>_<jurisdiction>_<bucket name>"
            + " (jurisdiction default, eu or fedramp; each part may be a {placeholder}) or, nested under an account"
            + " key only, " + BUCKET + ".*";
    static final String BUCKET_FORMS_WIRE = BUCKET + ".<32 hex account id>_<jurisdiction>_<bucket name>"
            + " (jurisdiction default, eu or fedramp) or, nested under an account key only, " + BUCKET + ".*";
    static final String ALL_DECLARED = "valid keys are account keys (" + ACCOUNT_FORMS_DECLARED + "), zone keys ("
            + ZONE_FORMS_DECLARED + "), user keys (" + USER_FORMS_DECLARED + ") and R2 bucket keys ("
            + BUCKET_FORMS_DECLARED + ")";
    static final String ALL_WIRE = "valid keys are account keys (" + ACCOUNT_FORMS_WIRE + "), zone keys ("
            + ZONE_FORMS_WIRE + "), user keys (" + USER_FORMS_WIRE + ") and R2 bucket keys (" + BUCKET_FORMS_WIRE + ")";
    static final String BUCKET_SHAPE = BUCKET + ".<32 hex account id>_<jurisdiction>_<bucket name>";

    // --- accepted forms ---------------------------------------------------------------------------

    static Stream<Arguments> declaredKeys() {
        return Stream.of(
                arguments(ACCOUNT, Scope.ACCOUNT, List.of(), false),
                arguments(ACCOUNT + ".{account}", Scope.ACCOUNT, List.of("account"), false),
                arguments(ACCOUNT + "." + ACCOUNT_ID, Scope.ACCOUNT, List.of(), false),
                arguments(ACCOUNT + ".*", Scope.ACCOUNT, List.of(), true),
                arguments(ZONE + "." + ZONE_ID, Scope.ZONE, List.of(), false),
                arguments(ZONE + ".*", Scope.ZONE, List.of(), true),
                arguments(ZONE + ".{zoneId}", Scope.ZONE, List.of("zoneId"), false),
                arguments(ZONE + ".{$zone_1}", Scope.ZONE, List.of("$zone_1"), false),
                arguments(ZONE + ".{zöne}", Scope.ZONE, List.of("zöne"), false),
                arguments(USER + "." + USER_TAG, Scope.USER, List.of(), false),
                arguments(USER + ".{userTag}", Scope.USER, List.of("userTag"), false),
                arguments(BUCKET + "." + ACCOUNT_ID + "_default_my-bucket", Scope.R2_BUCKET, List.of(), false),
                arguments(BUCKET + "." + ACCOUNT_ID + "_eu_abc", Scope.R2_BUCKET, List.of(), false),
                arguments(BUCKET + "." + ACCOUNT_ID + "_fedramp_0-1", Scope.R2_BUCKET, List.of(), false),
                arguments(BUCKET + "." + ACCOUNT_ID + "_default_" + "b".repeat(63), Scope.R2_BUCKET, List.of(), false),
                arguments(BUCKET + ".{account}_default_{bucket}", Scope.R2_BUCKET, List.of("account", "bucket"), false),
                arguments(
                        BUCKET + ".{owner_id}_{where_to}_{bucket_name}",
                        Scope.R2_BUCKET,
                        List.of("owner_id", "where_to", "bucket_name"),
                        false),
                arguments(BUCKET + ".*", Scope.R2_BUCKET, List.of(), true));
    }

    @ParameterizedTest
    @MethodSource("declaredKeys")
    void acceptsDeclaredForm(String text, Scope scope, List<String> placeholders, boolean wildcard) {
        ResourceKey key = ResourceKey.parse(text, DECLARED);
        assertThat(key.key()).isEqualTo(text);
        assertThat(key.toString()).isEqualTo(text);
        assertThat(key.form()).isEqualTo(DECLARED);
        assertThat(key.scope()).isEqualTo(scope);
        assertThat(key.placeholders()).isEqualTo(placeholders);
        assertThat(key.isWildcard()).isEqualTo(wildcard);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ACCOUNT + "." + ACCOUNT_ID,
                ACCOUNT + ".*",
                ZONE + "." + ZONE_ID,
                ZONE + ".*",
                USER + "." + USER_TAG,
                BUCKET + "." + ACCOUNT_ID + "_default_my-bucket",
                BUCKET + "." + ACCOUNT_ID + "_eu_logs-2024",
                BUCKET + ".*"
            })
    void acceptsConcreteKeysInBothForms(String text) {
        ResourceKey wire = ResourceKey.parse(text, WIRE);
        ResourceKey declared = ResourceKey.parse(text, DECLARED);
        assertThat(wire.isConcrete()).isTrue();
        assertThat(wire.scope()).isEqualTo(declared.scope());
        assertThat(wire).isEqualTo(declared).hasSameHashCodeAs(declared);
        assertThat(wire.form()).isEqualTo(WIRE);
    }

    @Test
    void barAccountKeyAndAccountPlaceholderMeanTheProvisionedAccount() {
        ResourceKey bare = ResourceKey.parse(ACCOUNT, DECLARED);
        assertThat(bare.isProvisionedAccount()).isTrue();
        assertThat(bare.isConcrete()).isFalse();
        assertThat(bare.id()).isEmpty();
        assertThat(bare.inputs()).isEmpty();

        ResourceKey placeholder = ResourceKey.parse(ACCOUNT + ".{account}", DECLARED);
        assertThat(placeholder.isProvisionedAccount()).isTrue();
        assertThat(placeholder.isConcrete()).isFalse();
        assertThat(placeholder.id()).isEqualTo("{account}");
        assertThat(placeholder.placeholders()).containsExactly("account");
        assertThat(placeholder.inputs()).isEmpty();

        ResourceKey concrete = ResourceKey.parse(ACCOUNT + "." + ACCOUNT_ID, DECLARED);
        assertThat(concrete.isProvisionedAccount()).isFalse();
        assertThat(concrete.id()).isEqualTo(ACCOUNT_ID);
    }

    @Test
    void inputsAreThePlaceholdersOtherThanAccount() {
        ResourceKey key = ResourceKey.parse(BUCKET + ".{account}_{jurisdiction}_{bucket}", DECLARED);
        assertThat(key.placeholders()).containsExactly("account", "jurisdiction", "bucket");
        assertThat(key.inputs()).containsExactly("jurisdiction", "bucket");
        assertThat(ResourceKey.parse(ZONE + ".{zoneId}", DECLARED).inputs()).containsExactly("zoneId");
    }

    @Test
    void bucketKeysExposeTheirParts() {
        ResourceKey key = ResourceKey.parse(BUCKET + "." + ACCOUNT_ID + "_eu_my-bucket", WIRE);
        assertThat(key.bucket()).contains(new Bucket(ACCOUNT_ID, "eu", "my-bucket"));
        assertThat(key.id()).isEqualTo(ACCOUNT_ID + "_eu_my-bucket");
        assertThat(key.isNestedOnly()).isFalse();

        ResourceKey placeholders = ResourceKey.parse(BUCKET + ".{account}_default_{bucket_name}", DECLARED);
        assertThat(placeholders.bucket()).contains(new Bucket("{account}", "default", "{bucket_name}"));

        ResourceKey all = ResourceKey.parse(BUCKET + ".*", WIRE);
        assertThat(all.bucket()).isEmpty();
        assertThat(all.isNestedOnly()).isTrue();
        assertThat(ResourceKey.parse(ZONE + ".*", WIRE).bucket()).isEmpty();
    }

    @Test
    void idIsWhatFollowsTheScope() {
        assertThat(ResourceKey.parse(ZONE + "." + ZONE_ID, WIRE).id()).isEqualTo(ZONE_ID);
        assertThat(ResourceKey.parse(ZONE + ".*", WIRE).id()).isEqualTo("*");
        assertThat(ResourceKey.parse(USER + ".{tag}", DECLARED).id()).isEqualTo("{tag}");
        assertThat(ResourceKey.parse(ACCOUNT + "." + ACCOUNT_ID, WIRE).id()).isEqualTo(ACCOUNT_ID);
    }

    // --- rejected keys -----------------------------------------------------------------------------

    static Stream<Arguments> rejectedKeys() {
        return Stream.of(
                arguments("", DECLARED, "resource key is empty; " + ALL_DECLARED),
                arguments("", WIRE, "resource key is empty; " + ALL_WIRE),
                arguments(
                        " " + ZONE + ".*",
                        DECLARED,
                        "resource key \" " + ZONE + ".*\" has leading or trailing whitespace; write \"" + ZONE
                                + ".*\""),
                arguments(
                        ACCOUNT + ".worker.route.*",
                        DECLARED,
                        "resource key \"" + ACCOUNT
                                + ".worker.route.*\" is not a Cloudflare resource key: there is no resource"
                                + " type \"worker\" under an account, only zone; " + ALL_DECLARED),
                arguments(
                        ACCOUNT + "." + ACCOUNT_ID + ".zone.*",
                        WIRE,
                        "resource key \"" + ACCOUNT + "." + ACCOUNT_ID
                                + ".zone.*\" writes a key below an account id, but keys do"
                                + " not nest by path; nest the zone or R2 bucket key under the account key instead: {\""
                                + ACCOUNT + "."
                                + ACCOUNT_ID + "\": {\"" + ZONE + ".*\": \"*\"}}"),
                arguments(
                        ACCOUNT + ".{account}.zone.*",
                        DECLARED,
                        "resource key \"" + ACCOUNT
                                + ".{account}.zone.*\" writes a key below an account id, but keys do not nest"
                                + " by path; nest the zone or R2 bucket key under the account key instead: @Policy(within = \""
                                + ACCOUNT + ".{account}\", resources = \"" + ZONE + ".*\")"),
                arguments(
                        ACCOUNT + ".{a.b}",
                        DECLARED,
                        "resource key \"" + ACCOUNT
                                + ".{a.b}\" has placeholder {a.b}, which is not a Java identifier; a"
                                + " placeholder names a no-argument String method of the token interface, like "
                                + ACCOUNT
                                + ".{account}"),
                arguments(
                        "com.example.thing",
                        DECLARED,
                        "resource key \"com.example.thing\" is not a Cloudflare resource key; " + ALL_DECLARED),
                arguments(
                        "com.cloudflare.api.zone.*",
                        WIRE,
                        "resource key \"com.cloudflare.api.zone.*\" is not a Cloudflare resource key (zone keys live under the"
                                + " account: " + ZONE + ".…); " + ALL_WIRE),
                arguments(
                        "com.cloudflare.api.accounts.*",
                        WIRE,
                        "resource key \"com.cloudflare.api.accounts.*\" is not a Cloudflare resource key (the scope names are"
                                + " singular: account, user); " + ALL_WIRE),
                arguments(
                        "com.cloudflare.r2.bucket.*",
                        WIRE,
                        "resource key \"com.cloudflare.r2.bucket.*\" is not a Cloudflare resource key (R2 bucket keys start with "
                                + BUCKET + ".); " + ALL_WIRE),
                arguments(
                        "COM.CLOUDFLARE.API.ACCOUNT.ZONE.*",
                        WIRE,
                        "resource key \"COM.CLOUDFLARE.API.ACCOUNT.ZONE.*\" is not a Cloudflare resource key (keys are lower case:"
                                + " write " + ZONE + ".*); " + ALL_WIRE),

                // account keys
                arguments(
                        ACCOUNT,
                        WIRE,
                        "resource key \"" + ACCOUNT
                                + "\" names no account; the bare key stands for the provisioned account only"
                                + " in a declaration, a key sent to Cloudflare needs " + ACCOUNT_FORMS_WIRE),
                arguments(
                        ACCOUNT + ".",
                        DECLARED,
                        "resource key \"" + ACCOUNT + ".\" ends with a dot but names no account id; account keys are "
                                + ACCOUNT_FORMS_DECLARED),
                arguments(
                        ACCOUNT + ".xyz",
                        DECLARED,
                        "resource key \"" + ACCOUNT
                                + ".xyz\" has account id \"xyz\", which is not hex (\"x\" is not a hex"
                                + " digit); an account id is 32 lowercase hex characters; account keys are "
                                + ACCOUNT_FORMS_DECLARED),
                arguments(
                        ACCOUNT + ".023e105f",
                        WIRE,
                        "resource key \"" + ACCOUNT
                                + ".023e105f\" has account id \"023e105f\", which has 8 characters; an"
                                + " account id is 32 lowercase hex characters; account keys are " + ACCOUNT_FORMS_WIRE),
                arguments(
                        ACCOUNT + "." + ACCOUNT_ID.toUpperCase(),
                        WIRE,
                        "resource key \"" + ACCOUNT + "." + ACCOUNT_ID.toUpperCase() + "\" has account id \""
                                + ACCOUNT_ID.toUpperCase()
                                + "\", which has upper-case letters; Cloudflare ids are lower case: write "
                                + ACCOUNT + "." + ACCOUNT_ID),
                arguments(
                        ACCOUNT + ".{accountId}",
                        DECLARED,
                        "resource key \"" + ACCOUNT
                                + ".{accountId}\" uses {accountId} as the account id; the only account"
                                + " placeholder is {account}, the provisioned account: write " + ACCOUNT
                                + ".{account}, or use a 32"
                                + " hex account id"),
                arguments(
                        ACCOUNT + ".{account}",
                        WIRE,
                        "resource key \"" + ACCOUNT
                                + ".{account}\" holds a placeholder; placeholders such as {zoneId} are only"
                                + " for declarations, a key sent to Cloudflare needs a concrete account id"),

                // zone keys
                arguments(
                        ZONE,
                        DECLARED,
                        "resource key \"" + ZONE + "\" names no zone; zone keys are " + ZONE_FORMS_DECLARED),
                arguments(
                        ZONE + ".xyz",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".xyz\" has zone id \"xyz\", which is not hex (\"x\" is not a hex digit);"
                                + " a zone id is 32 lowercase hex characters; zone keys are " + ZONE_FORMS_DECLARED),
                arguments(
                        ZONE + "." + ZONE_ID + "0",
                        WIRE,
                        "resource key \"" + ZONE + "." + ZONE_ID + "0\" has zone id \"" + ZONE_ID + "0\", which has 33"
                                + " characters; a zone id is 32 lowercase hex characters; zone keys are "
                                + ZONE_FORMS_WIRE),
                arguments(
                        ZONE + ".0",
                        WIRE,
                        "resource key \"" + ZONE
                                + ".0\" has zone id \"0\", which has 1 character; a zone id is 32 lowercase hex"
                                + " characters; zone keys are " + ZONE_FORMS_WIRE),
                arguments(
                        ZONE + ".0123456789ABCDEF0123456789abcdef",
                        DECLARED,
                        "resource key \"" + ZONE + ".0123456789ABCDEF0123456789abcdef\" has zone id"
                                + " \"0123456789ABCDEF0123456789abcdef\", which has upper-case letters; Cloudflare ids are lower case:"
                                + " write " + ZONE + "." + ZONE_ID),
                arguments(
                        ZONE + ".*.foo",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".*.foo\" has zone id \"*.foo\", which is not hex (\"*\" is not a hex digit);"
                                + " a zone id is 32 lowercase hex characters; zone keys are " + ZONE_FORMS_DECLARED),
                arguments(
                        ZONE + ".{zoneId}",
                        WIRE,
                        "resource key \"" + ZONE
                                + ".{zoneId}\" holds a placeholder; placeholders such as {zoneId} are only for"
                                + " declarations, a key sent to Cloudflare needs a concrete zone id"),
                arguments(
                        ZONE + ".{account}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{account}\" puts {account}, the provisioned account's id, where a zone id"
                                + " belongs; name an input instead, like " + ZONE + ".{zoneId}"),
                arguments(
                        ZONE + ".zone-{id}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".zone-{id}\" has zone id \"zone-{id}\"; a placeholder must be the whole zone"
                                + " id, a Java identifier in braces, like " + ZONE + ".{zoneId}"),
                arguments(
                        ZONE + ".{zoneId",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{zoneId\" has zone id \"{zoneId\"; a placeholder must be the whole zone id,"
                                + " a Java identifier in braces, like " + ZONE + ".{zoneId}"),
                arguments(
                        ZONE + ".{{zoneId}}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{{zoneId}}\" has zone id \"{{zoneId}}\"; a placeholder must be the whole"
                                + " zone id, a Java identifier in braces, like " + ZONE + ".{zoneId}"),
                arguments(
                        ZONE + ".{}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{}\" has placeholder {}, which is not a Java identifier; a placeholder"
                                + " names a no-argument String method of the token interface, like " + ZONE
                                + ".{zoneId}"),
                arguments(
                        ZONE + ".{1zone}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{1zone}\" has placeholder {1zone}, which is not a Java identifier; a"
                                + " placeholder names a no-argument String method of the token interface, like " + ZONE
                                + ".{zoneId}"),
                arguments(
                        ZONE + ".{zone id}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{zone id}\" has placeholder {zone id}, which is not a Java identifier; a"
                                + " placeholder names a no-argument String method of the token interface, like " + ZONE
                                + ".{zoneId}"),
                arguments(
                        ZONE + ".{class}",
                        DECLARED,
                        "resource key \"" + ZONE
                                + ".{class}\" has placeholder {class}, which is not a Java identifier; a"
                                + " placeholder names a no-argument String method of the token interface, like " + ZONE
                                + ".{zoneId}"),

                // user keys
                arguments(
                        USER,
                        DECLARED,
                        "resource key \"" + USER + "\" names no user; user keys are " + USER_FORMS_DECLARED),
                arguments(
                        USER + ".*",
                        WIRE,
                        "resource key \"" + USER
                                + ".*\" is not a user key: there is no wildcard for users; user keys are "
                                + USER_FORMS_WIRE),
                arguments(
                        USER + ".me",
                        DECLARED,
                        "resource key \"" + USER
                                + ".me\" has user tag \"me\", which is not hex (\"m\" is not a hex digit); a"
                                + " user tag is 32 lowercase hex characters; user keys are " + USER_FORMS_DECLARED),
                arguments(
                        USER + ".{account}",
                        DECLARED,
                        "resource key \"" + USER
                                + ".{account}\" puts {account}, the provisioned account's id, where a user tag"
                                + " belongs; name an input instead, like " + USER + ".{userTag}"),

                // R2 bucket keys
                arguments(
                        BUCKET,
                        DECLARED,
                        "resource key \"" + BUCKET + "\" names no bucket; R2 bucket keys are " + BUCKET_FORMS_DECLARED),
                arguments(
                        BUCKET + ".",
                        WIRE,
                        "resource key \"" + BUCKET + ".\" ends with a dot but names no bucket; R2 bucket keys are "
                                + BUCKET_FORMS_WIRE),
                arguments(
                        BUCKET + ".my-bucket",
                        DECLARED,
                        "resource key \"" + BUCKET
                                + ".my-bucket\" has 1 part separated by _, not 3; an R2 bucket key is "
                                + BUCKET_SHAPE + ", with jurisdiction default, eu or fedramp, such as " + BUCKET
                                + ".023e105f4ecef8ad9ca31a8372d0c353_default_my-bucket"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_my-bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_my-bucket\" has 2 parts separated by _, not 3; an R2"
                                + " bucket key is " + BUCKET_SHAPE
                                + ", with jurisdiction default, eu or fedramp; if the bucket has no"
                                + " jurisdiction, write " + BUCKET + "." + ACCOUNT_ID + "_default_my-bucket"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_eu_my_bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_eu_my_bucket\" has 4 parts separated by _, not 3; an R2"
                                + " bucket key is " + BUCKET_SHAPE
                                + ", with jurisdiction default, eu or fedramp; bucket names cannot"
                                + " contain _"),
                arguments(
                        BUCKET + ".abc_eu_my-bucket",
                        WIRE,
                        "resource key \"" + BUCKET
                                + ".abc_eu_my-bucket\" has account id \"abc\", which has 3 characters; an"
                                + " account id is 32 lowercase hex characters; an R2 bucket key is " + BUCKET_SHAPE),
                arguments(
                        BUCKET + "." + ACCOUNT_ID.toUpperCase() + "_eu_my-bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID.toUpperCase()
                                + "_eu_my-bucket\" has account id \""
                                + ACCOUNT_ID.toUpperCase()
                                + "\", which has upper-case letters; Cloudflare ids are lower case: write "
                                + BUCKET + "." + ACCOUNT_ID + "_eu_my-bucket"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_us_my-bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_us_my-bucket\" has jurisdiction \"us\"; jurisdictions"
                                + " are default (none), eu and fedramp"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_EU_my-bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_EU_my-bucket\" has jurisdiction \"EU\"; jurisdictions"
                                + " are lower case: write eu"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_ab",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_default_ab\" has bucket name \"ab\", which has 2"
                                + " characters; R2 bucket names have 3 to 63"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_" + "b".repeat(64),
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID + "_default_" + "b".repeat(64)
                                + "\" has bucket name \"" + "b".repeat(64)
                                + "\", which has 64 characters; R2 bucket names have 3 to 63"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_My-Bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_default_My-Bucket\" has bucket name \"My-Bucket\","
                                + " which has upper-case letters; R2 bucket names are lower case: my-bucket"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_my.bucket",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_default_my.bucket\" has bucket name \"my.bucket\","
                                + " which contains \".\"; R2 bucket names hold only lowercase letters, digits and hyphens"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_-logs",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_default_-logs\" has bucket name \"-logs\", which starts"
                                + " with a hyphen; R2 bucket names start and end with a letter or digit"),
                arguments(
                        BUCKET + "." + ACCOUNT_ID + "_default_logs-",
                        WIRE,
                        "resource key \"" + BUCKET + "." + ACCOUNT_ID
                                + "_default_logs-\" has bucket name \"logs-\", which ends"
                                + " with a hyphen; R2 bucket names start and end with a letter or digit"),
                arguments(
                        BUCKET + ".{account}_default_{bucket}",
                        WIRE,
                        "resource key \"" + BUCKET
                                + ".{account}_default_{bucket}\" holds a placeholder; placeholders such as"
                                + " {zoneId} are only for declarations, a key sent to Cloudflare needs a concrete account id"),
                arguments(
                        BUCKET + ".{account}_{account}_logs",
                        DECLARED,
                        "resource key \"" + BUCKET
                                + ".{account}_{account}_logs\" puts {account}, the provisioned account's id,"
                                + " where the jurisdiction belongs; name an input instead, like " + BUCKET
                                + ".{account}_default_{bucket}"),
                arguments(
                        BUCKET + ".{account}_default_{account}",
                        DECLARED,
                        "resource key \"" + BUCKET
                                + ".{account}_default_{account}\" puts {account}, the provisioned account's"
                                + " id, where the bucket name belongs; name an input instead, like " + BUCKET
                                + ".{account}_default_{bucket}"),
                arguments(
                        BUCKET + ".{account}_default_logs-{env}",
                        DECLARED,
                        "resource key \"" + BUCKET + ".{account}_default_logs-{env}\" has bucket name \"logs-{env}\"; a"
                                + " placeholder must be the whole bucket name, a Java identifier in braces, like "
                                + BUCKET
                                + ".{account}_default_{bucket}"),
                arguments(
                        BUCKET + ".{account}_default_{9}",
                        DECLARED,
                        "resource key \"" + BUCKET + ".{account}_default_{9}\" has placeholder {9}, which is not a Java"
                                + " identifier; a placeholder names a no-argument String method of the token interface, like "
                                + BUCKET + ".{account}_default_{bucket}"));
    }

    @ParameterizedTest
    @MethodSource("rejectedKeys")
    void rejectsWithActionableMessage(String text, KeyForm form, String message) {
        assertThatThrownBy(() -> ResourceKey.parse(text, form))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message)
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(text));
    }

    @ParameterizedTest
    @EnumSource(KeyForm.class)
    void rejectsNull(KeyForm form) {
        assertThatThrownBy(() -> ResourceKey.parse(null, form)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ResourceKey.parse(ZONE + ".*", null)).isInstanceOf(NullPointerException.class);
    }

    // --- nesting ---------------------------------------------------------------------------------

    static Stream<Arguments> validNesting() {
        return Stream.of(
                arguments(ACCOUNT, ZONE + ".*", DECLARED),
                arguments(ACCOUNT, BUCKET + ".*", DECLARED),
                arguments(ACCOUNT + ".{account}", ZONE + ".{zoneId}", DECLARED),
                arguments(ACCOUNT + ".{account}", BUCKET + "." + ACCOUNT_ID + "_default_logs", DECLARED),
                arguments(ACCOUNT, BUCKET + ".{account}_eu_{bucket}", DECLARED),
                arguments(ACCOUNT + "." + ACCOUNT_ID, BUCKET + ".{other}_eu_logs", DECLARED),
                arguments(ACCOUNT + "." + ACCOUNT_ID, ZONE + "." + ZONE_ID, WIRE),
                arguments(ACCOUNT + "." + ACCOUNT_ID, ZONE + ".*", WIRE),
                arguments(ACCOUNT + "." + ACCOUNT_ID, BUCKET + ".*", WIRE),
                arguments(ACCOUNT + "." + ACCOUNT_ID, BUCKET + "." + ACCOUNT_ID + "_fedramp_logs", WIRE));
    }

    @ParameterizedTest
    @MethodSource("validNesting")
    void acceptsZonesAndBucketsUnderOneAccount(String parent, String child, KeyForm form) {
        ResourceKey.checkNested(ResourceKey.parse(parent, form), ResourceKey.parse(child, form));
    }

    static Stream<Arguments> invalidNesting() {
        String declaredParents = ACCOUNT + " (the provisioned account), " + ACCOUNT + ".{account} or " + ACCOUNT
                + ".<32 hex account id>";
        String allAccounts = "\"" + ACCOUNT + ".*\" means all accounts and cannot hold nested keys;"
                + " nested keys belong to one account: ";
        String notNestable = " key and cannot be nested under an account key; only zone and R2 bucket keys can."
                + " Grant it as a resource of its own, not within " + ACCOUNT;
        return Stream.of(
                arguments(ACCOUNT + ".*", ZONE + ".*", DECLARED, ACCOUNT + ".*", allAccounts + declaredParents),
                arguments(
                        ACCOUNT + ".*",
                        ZONE + ".*",
                        WIRE,
                        ACCOUNT + ".*",
                        allAccounts + ACCOUNT + ".<32 hex account id>"),
                arguments(
                        ZONE + ".*",
                        ZONE + ".*",
                        DECLARED,
                        ZONE + ".*",
                        "\"" + ZONE + ".*\" is a zone key and cannot hold nested keys; only one account can: "
                                + declaredParents),
                arguments(
                        USER + "." + USER_TAG,
                        ZONE + ".*",
                        WIRE,
                        USER + "." + USER_TAG,
                        "\"" + USER + "." + USER_TAG + "\" is a user key and cannot hold nested keys; only one"
                                + " account can: " + ACCOUNT + ".<32 hex account id>"),
                arguments(
                        ACCOUNT,
                        ACCOUNT + "." + ACCOUNT_ID,
                        DECLARED,
                        ACCOUNT + "." + ACCOUNT_ID,
                        "\"" + ACCOUNT + "." + ACCOUNT_ID + "\" is an account" + notNestable),
                arguments(
                        ACCOUNT,
                        USER + ".{tag}",
                        DECLARED,
                        USER + ".{tag}",
                        "\"" + USER + ".{tag}\" is a user" + notNestable),
                arguments(
                        ACCOUNT + "." + OTHER_ACCOUNT_ID,
                        BUCKET + "." + ACCOUNT_ID + "_eu_logs",
                        WIRE,
                        BUCKET + "." + ACCOUNT_ID + "_eu_logs",
                        "\"" + BUCKET + "." + ACCOUNT_ID + "_eu_logs\" is a bucket of account " + ACCOUNT_ID
                                + ", so it cannot be nested under account " + OTHER_ACCOUNT_ID + "; nest it under "
                                + ACCOUNT + "."
                                + ACCOUNT_ID));
    }

    @ParameterizedTest
    @MethodSource("invalidNesting")
    void rejectsNestingOtherThanZonesAndBucketsUnderOneAccount(
            String parent, String child, KeyForm form, String offending, String message) {
        ResourceKey parentKey = ResourceKey.parse(parent, form);
        ResourceKey childKey = ResourceKey.parse(child, form);
        assertThatThrownBy(() -> ResourceKey.checkNested(parentKey, childKey))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message)
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(offending));
    }

    @Test
    void allBucketsKeyIsOnlyValidNested() {
        assertThatThrownBy(() -> ResourceKey.checkTopLevel(ResourceKey.parse(BUCKET + ".*", DECLARED)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("\"" + BUCKET + ".*\" means all R2 buckets of one account and is only valid nested"
                        + " under that account's key; declare it with within = \"" + ACCOUNT
                        + "\" (or another account key)");
        assertThatThrownBy(() -> ResourceKey.checkTopLevel(ResourceKey.parse(BUCKET + ".*", WIRE)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("\"" + BUCKET + ".*\" means all R2 buckets of one account and is only valid nested"
                        + " under that account's key; send it as {\"" + ACCOUNT + ".<32 hex account id>\": {\"" + BUCKET
                        + ".*\": \"*\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {ACCOUNT, ACCOUNT + ".*", ZONE + ".*", USER + ".{tag}", BUCKET + ".{a}_eu_{b}"})
    void otherKeysMayStandAlone(String text) {
        ResourceKey.checkTopLevel(ResourceKey.parse(text, DECLARED));
    }
}
