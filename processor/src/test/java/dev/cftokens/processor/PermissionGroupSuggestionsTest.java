package dev.cftokens.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.PermissionGroupCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionGroupSuggestionsTest {
    private final PermissionGroupSuggestions suggestions =
            new PermissionGroupSuggestions(PermissionGroupCatalog.bundled().names());

    @Test
    void dashboardEditMeansApiWrite() {
        assertThat(suggestions.suggest("Worker Routes Edit")).containsExactly("Workers Routes Write");
        assertThat(suggestions.suggest("DNS Edit")).containsExactly("DNS Write");
    }

    @Test
    void caseAndPunctuationAreForgiven() {
        assertThat(suggestions.suggest("zone read")).containsExactly("Zone Read");
        assertThat(suggestions.suggest("access apps and policies read"))
                .containsExactly("Access: Apps and Policies Read");
    }

    @Test
    void smallTyposAreForgiven() {
        assertThat(suggestions.suggest("Zone Raed")).containsExactly("Zone Read");
        assertThat(suggestions.suggest("Workers Scrips Write")).containsExactly("Workers Scripts Write");
    }

    @Test
    void nothingFarOffIsSuggested() {
        assertThat(suggestions.suggest("Banana Split Deluxe")).isEmpty();
        assertThat(suggestions.suggest("Read")).isEmpty();
        assertThat(suggestions.suggest("")).isEmpty();
    }

    @Test
    void atMostThreeOfTheClosestAreSuggested() {
        PermissionGroupSuggestions small = new PermissionGroupSuggestions(
                List.of("Alpha Read", "Alpha Reads", "Alphas Read", "Alpha Rear", "Alpha Write"));

        assertThat(small.suggest("Alpha Ready"))
                .hasSizeLessThanOrEqualTo(PermissionGroupSuggestions.MAX_SUGGESTIONS)
                .contains("Alpha Read")
                .doesNotContain("Alpha Write");
    }

    @Test
    void distanceIsLevenshteinAndStopsPastTheBound() {
        assertThat(PermissionGroupSuggestions.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(PermissionGroupSuggestions.distance("kitten", "sitting", 2)).isEqualTo(3);
        assertThat(PermissionGroupSuggestions.distance("abc", "abc", 0)).isZero();
        assertThat(PermissionGroupSuggestions.distance("", "abcd", 9)).isEqualTo(4);
    }

    @Test
    void normalizationKeepsLettersAndDigitsOnly() {
        assertThat(PermissionGroupSuggestions.normalize("Access: Apps and Policies Read", false))
                .isEqualTo("accessappsandpoliciesread");
        assertThat(PermissionGroupSuggestions.normalize("DNS Edit", true)).isEqualTo("dnswrite");
        assertThat(PermissionGroupSuggestions.normalize("Edited Things", true)).isEqualTo("editedthings");
    }
}
