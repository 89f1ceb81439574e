package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.KeyForm.DECLARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.core.catalog.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Placeholders in declared keys: listing them, filling them, and the example key each scope suggests. */
class ResourceKeyPlaceholdersTest {
    private static final String ACCOUNT_ID = ResourceKeyTest.ACCOUNT_ID;
    private static final String ZONE_ID = ResourceKeyTest.ZONE_ID;
    private static final String ZONE_INPUT = ResourceKeyTest.ZONE + ".{zoneId}";

    @Test
    void placeholdersAreListedInOrder() {
        assertThat(ResourceKey.placeholdersIn("com.cloudflare.edge.r2.bucket.{account}_default_{bucket}"))
                .containsExactly("account", "bucket");
        assertThat(ResourceKey.placeholdersIn("com.cloudflare.api.account.zone.*"))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void everyScopeSuggestsADeclaredKeyOfItsOwnThatMayStandAlone(Scope scope) {
        ResourceKey example = ResourceKey.parse(ResourceKey.example(scope), DECLARED);
        assertThat(example.scope()).isEqualTo(scope);
        ResourceKey.checkTopLevel(example);
    }

    @Test
    void theUserExampleIsTheOneTheGrammarsMessagesUse() {
        assertThat(ResourceKey.example(Scope.USER)).isEqualTo("com.cloudflare.api.user.{userTag}");
        assertThatThrownBy(() -> ResourceKey.parse("com.cloudflare.api.user.{account}", DECLARED))
                .hasMessageEndingWith("like " + ResourceKey.example(Scope.USER));
    }

    @Test
    void bareAccountKeyAndAccountPlaceholderBecomeTheAccount() {
        assertThat(ResourceKey.resolve(ResourceKey.ACCOUNT_KEY, ACCOUNT_ID, Map.of()))
                .isEqualTo("com.cloudflare.api.account." + ACCOUNT_ID);
        assertThat(ResourceKey.resolve("com.cloudflare.api.account.{account}", ACCOUNT_ID, Map.of()))
                .isEqualTo("com.cloudflare.api.account." + ACCOUNT_ID);
    }

    @Test
    void keysWithoutPlaceholdersStayAsTheyAre() {
        assertThat(ResourceKey.resolve(ResourceKeyTest.ZONE + ".*", null, Map.of()))
                .isEqualTo(ResourceKeyTest.ZONE + ".*");
    }

    @Test
    void inputsFillTheirPlaceholders() {
        assertThat(ResourceKey.resolve(
                        "com.cloudflare.edge.r2.bucket.{account}_eu_{bucket}", ACCOUNT_ID, Map.of("bucket", "logs")))
                .isEqualTo("com.cloudflare.edge.r2.bucket." + ACCOUNT_ID + "_eu_logs");
        assertThat(ResourceKey.resolve(ZONE_INPUT, ACCOUNT_ID, Map.of("zoneId", ZONE_ID)))
                .isEqualTo(ResourceKeyTest.ZONE + "." + ZONE_ID);
    }

    @Test
    void aPlaceholderThatIsNoInputIsNamed() {
        assertThatThrownBy(() -> ResourceKey.resolve(ZONE_INPUT, ACCOUNT_ID, Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("resource key " + ZONE_INPUT + " uses {zoneId}, which is not an input")
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(ZONE_INPUT));
    }

    @Test
    void theAccountNeedsAnId() {
        assertThatThrownBy(() -> ResourceKey.resolve(ResourceKey.ACCOUNT_KEY, " ", Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("resource key com.cloudflare.api.account names the provisioned account, but no account id"
                        + " is known; set CLOUDFLARE_ACCOUNT_ID");
    }

    @Test
    void aValueThatWidensTheKeyOrBreaksItIsRefused() {
        assertThatThrownBy(() -> ResourceKey.resolve(ZONE_INPUT, ACCOUNT_ID, Map.of("zoneId", "*")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("with input zoneId() = \"*\", resource key " + ZONE_INPUT + " becomes the wildcard "
                        + ResourceKeyTest.ZONE + ".*; an input must name one resource");
        assertThatThrownBy(() -> ResourceKey.resolve("com.cloudflare.api.account.{account}", "x", Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("with account id \"x\", resource key com.cloudflare.api.account.{account}"
                        + " becomes an invalid key: ")
                .hasCauseInstanceOf(InvalidValueException.class);
    }
}
