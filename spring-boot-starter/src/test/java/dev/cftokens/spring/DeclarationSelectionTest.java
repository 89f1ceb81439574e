package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.spring.app.ReadonlyToken;
import dev.cftokens.spring.app.ZoneToken;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which declarations and input values the properties select, matched as Spring binds properties. */
class DeclarationSelectionTest {
    final Declarations declarations = Declarations.on(getClass().getClassLoader());
    final List<DeclaredToken> found = DeclarationSelection.found(declarations);

    @Test
    void findsEveryDeclarationWithItsInterfaceAndInputs() {
        assertThat(found)
                .containsExactly(
                        new DeclaredToken("readonly-token", ReadonlyToken.class, List.of()),
                        new DeclaredToken("zone-token", ZoneToken.class, List.of("zoneId")));
    }

    @Test
    void selectsByIdRelaxedOrByInterfaceName() {
        assertThat(DeclarationSelection.select(found, List.of("ZONE_TOKEN")))
                .extracting(DeclaredToken::id)
                .containsExactly("zone-token");
        assertThat(DeclarationSelection.select(found, List.of(ReadonlyToken.class.getName())))
                .extracting(DeclaredToken::id)
                .containsExactly("readonly-token");
        assertThat(DeclarationSelection.select(found, List.of())).isEqualTo(found);
    }

    @Test
    void inputsBoundFromEnvironmentVariablesMatchTheDeclaredNames() {
        // CFTOKENS_INPUTS_ZONETOKEN_ZONEID binds as {zonetoken={zoneid=...}}.
        List<TokenProvisioner<?>> provisioners = DeclarationSelection.provisioners(
                declarations,
                found,
                Map.of("zonetoken", Map.of("zoneid", "0123456789abcdef0123456789abcdef")),
                Map.of());
        assertThat(provisioners)
                .extracting(provisioner -> provisioner.declaration().id())
                .containsExactly("readonly-token", "zone-token");
        assertThat(provisioners.get(1).inputs()).containsEntry("zoneId", "0123456789abcdef0123456789abcdef");
    }

    @Test
    void onlyTheSelectedDeclarationsAreProvisioned() {
        List<DeclaredToken> readonly = DeclarationSelection.select(found, List.of("readonly-token"));
        assertThat(DeclarationSelection.provisioners(declarations, readonly, Map.of(), Map.of()))
                .extracting(provisioner -> provisioner.declaration().id())
                .containsExactly("readonly-token");
    }

    @Test
    void everyMissingInputIsNamed() {
        assertThatThrownBy(() -> DeclarationSelection.provisioners(declarations, found, Map.of(), Map.of()))
                .isInstanceOf(MissingInputException.class)
                .hasMessage("Tokens need input values that are not set: cftokens.inputs.zone-token.zoneId");
    }

    @Test
    void aDeclarationGivenNoInputsTakesTheValuesItWasAppliedWithWhenThereAreAny() {
        Map<String, Map<String, String>> recorded =
                Map.of("zone-token", Map.of("zoneId", "0123456789abcdef0123456789abcdef"));

        List<TokenProvisioner<?>> provisioners =
                DeclarationSelection.provisioners(declarations, found, Map.of(), recorded);

        assertThat(provisioners.get(1).inputs()).containsEntry("zoneId", "0123456789abcdef0123456789abcdef");
        // Values the application gives win over the recorded ones.
        assertThat(DeclarationSelection.provisioners(
                                declarations,
                                found,
                                Map.of("zone-token", Map.of("zone-id", "fedcba9876543210fedcba9876543210")),
                                recorded)
                        .get(1)
                        .inputs())
                .containsEntry("zoneId", "fedcba9876543210fedcba9876543210");
    }

    @Test
    void anInputTheDeclarationDoesNotHaveIsNamedWithItsRealInputs() {
        // Ignored before, which left a misspelt variable looking like a missing one.
        assertThatThrownBy(() -> DeclarationSelection.provisioners(
                        declarations,
                        found,
                        Map.of("zone-token", Map.of("zone", "0123456789abcdef0123456789abcdef")),
                        Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Input properties cannot be used: cftokens.inputs.zone-token.zone sets no input of"
                        + " zone-token, whose inputs are zoneId");
        assertThatThrownBy(() -> DeclarationSelection.provisioners(
                        declarations,
                        found,
                        Map.of(
                                "zone-token",
                                Map.of("zoneId", "0123456789abcdef0123456789abcdef"),
                                "readonly-token",
                                Map.of("zoneId", "0123456789abcdef0123456789abcdef")),
                        Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "cftokens.inputs.readonly-token.zoneId sets an input of readonly-token, which" + " has none");
    }

    @Test
    void aBlankOrMultiLineValueIsRefused() {
        assertThatThrownBy(() -> DeclarationSelection.provisioners(
                        declarations, found, Map.of("zone-token", Map.of("zone-id", "")), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Input properties cannot be used: cftokens.inputs.zone-token.zoneId is blank");
        assertThatThrownBy(() -> DeclarationSelection.provisioners(
                        declarations,
                        found,
                        Map.of("zone-token", Map.of("zoneId", "0123456789abcdef0123456789abcdef\n")),
                        Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a line break or another control character");
    }

    @Test
    void aRecordedInputTheDeclarationNoLongerHasIsLeftOut() {
        Map<String, Map<String, String>> recorded = Map.of(
                "zone-token", Map.of("zoneId", "0123456789abcdef0123456789abcdef", "dropped", "1"),
                "readonly-token", Map.of("dropped", "1"));

        List<TokenProvisioner<?>> provisioners =
                DeclarationSelection.provisioners(declarations, found, Map.of(), recorded);

        assertThat(provisioners.get(1).inputs())
                .containsExactly(Map.entry("zoneId", "0123456789abcdef0123456789abcdef"));
    }
}
