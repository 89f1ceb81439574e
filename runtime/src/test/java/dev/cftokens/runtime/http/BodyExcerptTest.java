package dev.cftokens.runtime.http;

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
}
