package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRulesTest {
    @ParameterizedTest
    @CsvSource({
        "ReadonlyToken, readonly-token",
        "R2StorageToken, r2-storage-token",
        "APIToken, api-token",
        "S3Credentials, s3-credentials",
        "HTTP2Token, http2-token",
        "XMLHttpRequest, xml-http-request",
        "DNSRecordsEditor, dns-records-editor",
        "Token2FA, token2-fa",
        "myToken, my-token",
        "Token, token",
        "A, a",
        "ABC, abc",
        "CI, ci",
        "Outer_Inner, outer-inner",
        "Outer$Inner, outer-inner",
        "__Private__Token_, private-token",
        "already-kebab, already-kebab",
    })
    void kebabCaseSplitsWordsAndAcronyms(String simpleName, String kebab) {
        assertThat(TokenRules.kebabCase(simpleName)).isEqualTo(kebab);
        assertThat(TokenRules.isKebabCase(kebab)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"readonly-token", "a", "r2", "token-2", "r2-storage-token", "0"})
    void acceptsKebabCase(String text) {
        assertThat(TokenRules.isKebabCase(text)).isTrue();
        assertThat(TokenRules.checkId(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                "Readonly",
                "readonly--token",
                "-token",
                "token-",
                "readonly_token",
                "read only",
                "tökén"
            })
    void rejectsOtherIds(String text) {
        assertThat(TokenRules.isKebabCase(text)).isFalse();
    }

    @Test
    void checkIdSuggestsTheKebabSpelling() {
        assertThatThrownBy(() -> TokenRules.checkId("ReadonlyToken"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "token id \"ReadonlyToken\" is not kebab case (lowercase letters and digits in words joined by"
                                + " single hyphens); write \"readonly-token\"");
        assertThatThrownBy(() -> TokenRules.checkId("ci deploy"))
                .hasMessage(
                        "token id \"ci deploy\" is not kebab case (lowercase letters and digits in words joined by single"
                                + " hyphens); write \"ci-deploy\"");
        assertThatThrownBy(() -> TokenRules.checkId(""))
                .hasMessage("token id \"\" is not kebab case (lowercase letters and digits in words joined by single"
                        + " hyphens); write it like \"readonly-token\"");
        assertThatThrownBy(() -> TokenRules.checkId("Ökotoken"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "token id \"Ökotoken\" is not kebab case (lowercase letters and digits in words joined by single"
                                + " hyphens); write it like \"readonly-token\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Readonly Zone Token", "ci-deploy", "x", "Token für Zonen ✓", "name (with) [symbols]"})
    void acceptsNames(String name) {
        assertThat(TokenRules.checkName(name)).isEqualTo(name);
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        assertThat(TokenRules.MAX_NAME_LENGTH).isEqualTo(120);
        String longest = "n".repeat(120);
        assertThat(TokenRules.checkName(longest)).isEqualTo(longest);
        String emoji = "\uD83D\uDD11".repeat(120); // 120 keys, 240 UTF-16 units
        assertThat(TokenRules.checkName(emoji)).isEqualTo(emoji);

        String tooLong = "n".repeat(121);
        assertThatThrownBy(() -> TokenRules.checkName(tooLong))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("token name \"" + tooLong + "\" has 121 characters; Cloudflare allows at most 120")
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(tooLong));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "'' | token name \"\" is blank; Cloudflare needs a name of 1 to 120 characters",
                "'   ' | token name \"   \" is blank; Cloudflare needs a name of 1 to 120 characters",
                "' ci' | token name \" ci\" has leading or trailing whitespace; write \"ci\"",
                "'ci ' | token name \"ci \" has leading or trailing whitespace; write \"ci\"",
            })
    void rejectsBadNames(String name, String message) {
        assertThatThrownBy(() -> TokenRules.checkName(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsControlCharacters() {
        assertThatThrownBy(() -> TokenRules.checkName("ci\ndeploy"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "token name \"ci\ndeploy\" contains the control character U+000A; write the name on one line"
                                + " without control characters");
        assertThatThrownBy(() -> TokenRules.checkName("ci\u0000"))
                .hasMessage("token name \"ci\u0000\" contains the control character U+0000; write the name on one line"
                        + " without control characters");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> TokenRules.checkName(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TokenRules.kebabCase(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TokenRules.isKebabCase(null)).isInstanceOf(NullPointerException.class);
    }
}
