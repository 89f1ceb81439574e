package dev.cftokens.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The declaration reader must see what ObjectMapper.readTree saw, which generated provisioners were checked with. */
class JsonTreeReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsWhatObjectMapperReads() throws Exception {
        String text = "{\"id\": \"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\", \"n\": [1, 12345678901234,"
                + " 123456789012345678901234567890, 0.5, true, false, null], \"o\": {\"k\": {}}, \"id\": \"last\"} ";

        assertThat(JsonTreeReader.read(text)).isEqualTo(MAPPER.readTree(text));
        assertThat(JsonTreeReader.read(text).get("id").textValue()).isEqualTo("last");
    }

    @Test
    void anEmptyTextHoldsNoTree() throws Exception {
        assertThat(JsonTreeReader.read(" \n")).isNull();
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> JsonTreeReader.read("{\"id\" \"x\"}"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("was expecting a colon");
    }
}
