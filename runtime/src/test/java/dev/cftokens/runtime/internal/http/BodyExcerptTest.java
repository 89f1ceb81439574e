package dev.cftokens.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyExcerptTest {
    @Test
    void emptyAndBlankBodiesAreNamed() {
        assertThat(BodyExcerpt.of("")).isEqualTo("(empty body)");
        assertThat(BodyExcerpt.of(" \n ")).isEqualTo("(empty body)");
        assertThat(BodyExcerpt.of(null)).isEqualTo("(empty body)");
    }

    @Test
    void whitespaceCollapsesAndLongBodiesAreCut() {
        String excerpt = BodyExcerpt.of("<html>\n\n  <body>" + "ab ".repeat(500));
        assertThat(excerpt).startsWith("<html> <body>ab ab").endsWith("...");
        assertThat(excerpt).hasSize(BodyExcerpt.MAX_LENGTH + 3);
    }

    @Test
    void secretLikeRunsAreMaskedButIdsStayReadable() {
        String value = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab";
        String id = "ed17574386854bf78a67040be0a770b0";
        String excerpt = BodyExcerpt.of("{\"result\":{\"id\":\"" + id + "\",\"value\":\"" + value + "\"");
        assertThat(excerpt).contains(id).contains("\"value\":\"****\"").doesNotContain(value);
    }

    @Test
    void secretCutAtTheExcerptLimitShowsNoLongPrefix() {
        String value = "Zq0Wx9Ec8Rv7Tb6Yn5Um4Il3Ok2Pj1Hh0Gg9Ff8D";
        // A body the server truncated 39 characters into the value (a run too short for the 40 rule), not
        // JSON-keyed so only the run rules apply; our cut then falls one character before the body's end.
        String body = "<p> " + "x ".repeat((BodyExcerpt.MAX_LENGTH - 3 - 39) / 2) + value.substring(0, 39);
        assertThat(body).hasSize(BodyExcerpt.MAX_LENGTH + 1);
        String excerpt = BodyExcerpt.of(body);
        assertThat(excerpt).endsWith(BodyExcerpt.MASK + "...").doesNotContain(value.substring(0, 20));
        // The same truncated body short enough to be shown whole: its end is the cut point.
        assertThat(BodyExcerpt.of("<p>" + value.substring(0, 30))).isEqualTo("<p>" + BodyExcerpt.MASK);
        // A short run at the cut is left alone.
        assertThat(BodyExcerpt.of("ab cd ".repeat(100))).endsWith(" ab...");
    }

    @Test
    void valueAndResultStringsAreMaskedWhateverTheirLength() {
        assertThat(BodyExcerpt.of("{\"result\":{\"id\":\"ab12\",\"value\": \"short-but-secret\"}}"))
                .isEqualTo("{\"result\":{\"id\":\"ab12\",\"value\": \"****\"}}");
        assertThat(BodyExcerpt.of("{\"success\":true,\"result\":\"cut-off-roll-val"))
                .isEqualTo("{\"success\":true,\"result\":\"****");
        assertThat(BodyExcerpt.of("{\"value\":\"a\\\"b\",\"id\":\"x\"}"))
                .isEqualTo("{\"value\":\"****\",\"id\":\"x\"}");
    }
}
