package dev.cftokens.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router<String> router = new Router<String>()
            .add("GET", "/user/tokens/{token_id}", "get")
            .add("GET", "/user/tokens/verify", "verify")
            .add("PUT", "/user/tokens/{token_id}", "update");

    @Test
    void literalSegmentsWinOverParameters() {
        assertThat(router.match("GET", "/user/tokens/verify").route().endpoint())
                .isEqualTo("verify");
        Router.Match<String> match = router.match("GET", "/user/tokens/abc");
        assertThat(match.route().endpoint()).isEqualTo("get");
        assertThat(match.params()).containsEntry("token_id", "abc");
        assertThat(router.match("PUT", "/user/tokens/verify").route().endpoint())
                .isEqualTo("update");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        assertThatThrownBy(() -> router.match("GET", "/user/tokens/a/b"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errors().get(0).code()).isEqualTo(ErrorCodes.NO_ROUTE);
                });
        assertThatThrownBy(() -> router.match("DELETE", "/user/tokens/verify"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.headers()).containsEntry("Allow", "GET, PUT");
                });
    }
}
