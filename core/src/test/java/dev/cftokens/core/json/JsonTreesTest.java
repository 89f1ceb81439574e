package dev.cftokens.core.json;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** JsonTrees must give exactly what ObjectMapper gave: spec hashes and state files written before depend on it. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String TEXT = "{\"s\": \"caf\\u00e9 \\\"q\\\" \\\\ \\n\\t \\u2028 \\ud83d\\ude00 </\","
            + " \"i\": -7, \"l\": 12345678901234, \"b\": 123456789012345678901234567890, \"d\": 2.5e-3,"
            + " \"t\": true, \"f\": false, \"n\": null, \"e\": {}, \"a\": [[], [1, \"x\", {\"k\": null}]],"
            + " \"dup\": 1, \"z\": 0, \"dup\": 2}  ";

    private static ObjectNode tree() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", "caf\u00e9 \"q\" \\ \n\t\u0001 \u2028 \ud83d\ude00 </script>");
        root.put("int", Integer.MIN_VALUE);
        root.put("long", Long.MAX_VALUE);
        root.put("big", new BigInteger("123456789012345678901234567890"));
        root.put("double", 0.1);
        root.put("true", true);
        root.putNull("null");
        root.put("absent", (String) null);
        root.putObject("empty");
        root.putArray("array").add("x").add(1).addNull().addArray();
        return root;
    }

    @Test
    void writesWhatObjectMapperWrites() throws Exception {
        ObjectNode tree = tree();

        assertThat(JsonTrees.write(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
        assertThat(JsonTrees.writeBytes(tree)).isEqualTo(MAPPER.writeValueAsBytes(tree));
    }

    @Test
    void writesIndentedWhatObjectMapperWritesWithIndentOutput() throws Exception {
        ObjectNode tree = tree();

        assertThat(JsonTrees.writeIndentedBytes(tree))
                .isEqualTo(new ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(tree));
        assertThat(JsonTrees.writeIndented(tree))
                .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    }

    @Test
    void readsWhatObjectMapperReads() throws Exception {
        JsonNode read = JsonTrees.read(TEXT);

        assertThat(read).isEqualTo(MAPPER.readTree(TEXT));
        // The last of duplicate fields wins, in the place of the first, as readTree has it.
        assertThat(MAPPER.writeValueAsString(read)).isEqualTo(MAPPER.writeValueAsString(MAPPER.readTree(TEXT)));
        assertThat(read.get("dup").intValue()).isEqualTo(2);
        assertThat(read.get("i").isInt()).isTrue();
        assertThat(read.get("l").isLong()).isTrue();
        assertThat(read.get("b").isBigInteger()).isTrue();
        assertThat(read.get("s").textValue()).isEqualTo("caf\u00e9 \"q\" \\ \n\t \u2028 \ud83d\ude00 </");
    }

    @Test
    void readsBytesInTheEncodingTheyAreIn() throws Exception {
        assertThat(JsonTrees.read(TEXT.getBytes(UTF_8))).isEqualTo(MAPPER.readTree(TEXT));
        assertThat(JsonTrees.read(TEXT.getBytes(UTF_16BE))).isEqualTo(MAPPER.readTree(TEXT));
    }

    @Test
    void roundTripsItsOwnOutput() throws Exception {
        ObjectNode tree = tree();

        assertThat(JsonTrees.read(JsonTrees.writeBytes(tree)))
                .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsBytes(tree)));
    }

    @Test
    void anEmptyTextHoldsNoTree() throws Exception {
        assertThat(JsonTrees.read("")).isNull();
        assertThat(JsonTrees.read("  \n".getBytes(UTF_8))).isNull();
    }

    @Test
    void refusesWhatIsNotJsonWithTheParsersMessage() {
        assertThatThrownBy(() -> JsonTrees.read("{\"a\": }"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Unexpected character ('}'");
        assertThatThrownBy(() -> JsonTrees.read("[1, 2"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("end-of-input");
    }

    /** What a generated provisioner's declaration reader relied on, checked when it had a copy of its own. */
    @Test
    void readsADeclarationLikeTextAsObjectMapperDid() throws Exception {
        String text = "{\"id\": \"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\", \"n\": [1, 12345678901234,"
                + " 123456789012345678901234567890, 0.5, true, false, null], \"o\": {\"k\": {}}, \"id\": \"last\"} ";

        assertThat(JsonTrees.read(text)).isEqualTo(MAPPER.readTree(text));
        assertThat(JsonTrees.read(text).get("id").textValue()).isEqualTo("last");
        assertThat(JsonTrees.read(" \n")).isNull();
        assertThatThrownBy(() -> JsonTrees.read("{\"id\" \"x\"}"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("was expecting a colon");
    }
}
