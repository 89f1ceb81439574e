package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A value encrypted with AES-GCM: the nonce and the ciphertext with its tag. Stores keep it as the
 * opaque bytes of {@link #toBytes}; the state file as {@code {"nonce", "ciphertext"}}.
 *
 * @param nonce the AES-GCM nonce
 * @param ciphertext the ciphertext followed by its tag
 */
record SealedValue(byte[] nonce, byte[] ciphertext) {
    /** The first byte of {@link #toBytes}, so a later layout can be told apart. */
    private static final byte LAYOUT = 1;

    SealedValue {
        requireNonNull(nonce, "nonce");
        requireNonNull(ciphertext, "ciphertext");
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** {@return the layout byte, the nonce and the ciphertext, one after another} */
    byte[] toBytes() {
        return ByteBuffer.allocate(1 + ValueCipher.NONCE_BYTES + ciphertext.length)
                .put(LAYOUT)
                .put(nonce)
                .put(ciphertext)
                .array();
    }

    /**
     * The value {@link #toBytes} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    static SealedValue fromBytes(byte[] bytes) {
        if (bytes.length <= 1 + ValueCipher.NONCE_BYTES || bytes[0] != LAYOUT) {
            throw new IllegalArgumentException("not a sealed value of layout " + LAYOUT);
        }
        return new SealedValue(
                Arrays.copyOfRange(bytes, 1, 1 + ValueCipher.NONCE_BYTES),
                Arrays.copyOfRange(bytes, 1 + ValueCipher.NONCE_BYTES, bytes.length));
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("nonce", Base64.getEncoder().encodeToString(nonce));
        node.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        return node;
    }

    /**
     * The value {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when it is malformed
     */
    static SealedValue fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an encrypted value must be {\"nonce\", \"ciphertext\"}");
        }
        byte[] nonce = Base64.getDecoder().decode(StateDocument.text(node, "nonce"));
        if (nonce.length != ValueCipher.NONCE_BYTES) {
            throw new IllegalArgumentException(
                    "an encrypted value's nonce must be " + ValueCipher.NONCE_BYTES + " bytes, not " + nonce.length);
        }
        return new SealedValue(nonce, Base64.getDecoder().decode(StateDocument.text(node, "ciphertext")));
    }

    @Override
    public String toString() {
        return "SealedValue[" + ciphertext.length + " bytes]";
    }
}
