package dev.cftokens.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes {@link JsonNode} trees with jackson-core's {@link JsonParser} and {@link JsonGenerator}
 * alone. An {@code ObjectMapper} loads some 400 classes of databind's serializer and deserializer machinery
 * (0.2 s of a JVM's start) that a tree of strings, numbers and booleans never needs; the node classes are
 * few. The text is the same as {@code ObjectMapper}'s default {@code readTree} and {@code writeValueAsBytes}:
 * same parser, same generator, same escaping, the last of duplicate fields winning, trailing content ignored.
 * Generated declarations, the state file and the API's answers all go through it.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /**
     * The tree of a JSON text, its encoding detected as {@code ObjectMapper.readTree(byte[])} does.
     *
     * @param json the text
     * @return the root, or null when the input holds no value
     * @throws IOException the parser's exception when the text is not JSON
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return root(parser);
        }
    }

    /**
     * The tree of a JSON text.
     *
     * @param json the text
     * @return the root, or null when the input holds no value
     * @throws IOException the parser's exception when the text is not JSON
     */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return root(parser);
        }
    }

    /**
     * {@code node} as compact JSON, as {@code ObjectMapper.writeValueAsString} writes it.
     *
     * @param node the tree
     * @return the text
     */
    public static String write(JsonNode node) {
        return text(node, false);
    }

    /**
     * {@code node} as compact UTF-8 JSON, as {@code ObjectMapper.writeValueAsBytes} writes it.
     *
     * @param node the tree
     * @return the bytes
     */
    public static byte[] writeBytes(JsonNode node) {
        return bytes(node, false);
    }

    /**
     * {@code node} as indented UTF-8 JSON, as {@code ObjectMapper} writes it with {@code INDENT_OUTPUT}: for
     * files people read, such as the state, without loading databind's serializers.
     *
     * @param node the tree
     * @return the bytes
     */
    public static byte[] writeIndentedBytes(JsonNode node) {
        return bytes(node, true);
    }

    /**
     * {@code node} as indented JSON text, as {@code ObjectMapper.writerWithDefaultPrettyPrinter()} writes it.
     *
     * @param node the tree
     * @return the text
     */
    public static String writeIndented(JsonNode node) {
        return text(node, true);
    }

    private static String text(JsonNode node, boolean indented) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node, indented);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toString();
    }

    private static byte[] bytes(JsonNode node, boolean indented) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node, indented);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, JsonNode node, boolean indented) throws IOException {
        if (indented) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
        }
        write(generator, node);
    }

    private static JsonNode root(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    array.add(value(parser, element));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // END_OBJECT or END_ARRAY where a value belongs; the parser rejects these itself, but say so.
                throw new IOException("unexpected " + token + " where a JSON value belongs");
        }
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
                return;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
                return;
            case STRING:
                generator.writeString(node.textValue());
                return;
            case NUMBER:
                writeNumber(generator, node);
                return;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                return;
            case NULL:
                generator.writeNull();
                return;
            case BINARY:
                generator.writeBinary(node.binaryValue());
                return;
            default:
                throw new IllegalArgumentException(
                        "a JSON tree of cftokens holds objects, arrays, strings, numbers, booleans and nulls, not "
                                + node.getNodeType());
        }
    }

    private static void writeNumber(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT:
                generator.writeNumber(node.intValue());
                return;
            case LONG:
                generator.writeNumber(node.longValue());
                return;
            case BIG_INTEGER:
                generator.writeNumber(node.bigIntegerValue());
                return;
            case FLOAT:
                generator.writeNumber(node.floatValue());
                return;
            case BIG_DECIMAL:
                generator.writeNumber(node.decimalValue());
                return;
            default:
                generator.writeNumber(node.doubleValue());
        }
    }
}
