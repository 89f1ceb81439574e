package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import java.io.IOException;
import java.util.Base64;

/**
 * What a state keeps beside its encrypted values so a later run can tell whether its key is the right
 * one: how the key is obtained and a known constant sealed under it. Its JSON form is the state file's
 * {@code "encryption"} object; other stores keep the same JSON as the opaque key check of {@link
 * StateRows}.
 *
 * @param derivation {@link KeyDerivation#RAW} for a raw key, or PBKDF2 with {@code salt} and
 *     {@code iterations} for a passphrase
 * @param salt the PBKDF2 salt; empty for a raw key
 * @param iterations the PBKDF2 iteration count; 0 for a raw key
 * @param keyCheck a constant sealed under the key
 */
record EncryptionHeader(KeyDerivation derivation, byte[] salt, int iterations, SealedValue keyCheck) {
    EncryptionHeader {
        requireNonNull(derivation, "derivation");
        requireNonNull(salt, "salt");
        requireNonNull(keyCheck, "keyCheck");
        salt = salt.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** {@return the header as the state file's {@code "encryption"} object} */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kdf", derivation.wireName());
        if (derivation == KeyDerivation.PBKDF2_HMAC_SHA256) {
            node.put("iterations", iterations);
            node.put("salt", Base64.getEncoder().encodeToString(salt));
        }
        node.put("cipher", ValueCipher.CIPHER);
        node.set("key_check", keyCheck.toJson());
        return node;
    }

    /**
     * The header {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when it is malformed, or names a derivation or cipher cftokens does
     *     not know
     */
    static EncryptionHeader fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the encryption header is not a JSON object");
        }
        String kdf = StateDocument.text(node, "kdf");
        String cipher = StateDocument.text(node, "cipher");
        KeyDerivation derivation = KeyDerivation.ofWireName(kdf);
        if (derivation == null || !ValueCipher.CIPHER.equals(cipher)) {
            throw new IllegalArgumentException("its values are encrypted with " + kdf + " and " + cipher
                    + ", but cftokens knows only " + ValueCipher.KDF + " or a raw key, and " + ValueCipher.CIPHER);
        }
        SealedValue keyCheck = SealedValue.fromJson(node.get("key_check"));
        if (derivation == KeyDerivation.RAW) {
            return new EncryptionHeader(derivation, new byte[0], 0, keyCheck);
        }
        int iterations = node.path("iterations").asInt(0);
        if (iterations < 1) {
            throw new IllegalArgumentException("its \"encryption.iterations\" is not a positive number");
        }
        return new EncryptionHeader(
                derivation, Base64.getDecoder().decode(StateDocument.text(node, "salt")), iterations, keyCheck);
    }

    /** {@return the key check a store keeps: the JSON form, in UTF-8} */
    byte[] toBytes() {
        return JsonTrees.writeBytes(toJson());
    }

    /**
     * The header {@link #toBytes} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    static EncryptionHeader fromBytes(byte[] bytes) {
        try {
            return fromJson(JsonTrees.read(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("the key check is not JSON", e);
        }
    }

    /** How a state's key is obtained. */
    enum KeyDerivation {
        /** A raw 256-bit key ({@value StateKey#KEY_VARIABLE}). */
        RAW("none"),
        /** PBKDF2-HMAC-SHA256 from a passphrase ({@value StateKey#PASSPHRASE_VARIABLE}). */
        PBKDF2_HMAC_SHA256(ValueCipher.KDF);

        private final String wireName;

        KeyDerivation(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the name stores write} */
        String wireName() {
            return wireName;
        }

        /** {@return the derivation written as {@code name}, or null when cftokens knows none by it} */
        static KeyDerivation ofWireName(String name) {
            for (KeyDerivation derivation : values()) {
                if (derivation.wireName.equals(name)) {
                    return derivation;
                }
            }
            return null;
        }
    }
}
