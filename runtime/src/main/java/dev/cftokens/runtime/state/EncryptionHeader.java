package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

/**
 * What a state store keeps beside its encrypted values so a later run can tell whether its key is the
 * right one: how the key is obtained and a known constant sealed under it.
 *
 * @param derivation {@link KeyDerivation#RAW} for a raw key, or PBKDF2 with {@code salt} and
 *     {@code iterations} for a passphrase
 * @param salt the PBKDF2 salt; empty for a raw key
 * @param iterations the PBKDF2 iteration count; 0 for a raw key
 * @param keyCheck a constant sealed under the key
 */
public record EncryptionHeader(KeyDerivation derivation, byte[] salt, int iterations, SealedValue keyCheck) {
    /**
     * Copies {@code salt}, so the header stays immutable.
     *
     * @param derivation how the key is obtained
     * @param salt the PBKDF2 salt; empty for a raw key
     * @param iterations the PBKDF2 iteration count; 0 for a raw key
     * @param keyCheck a constant sealed under the key
     * @throws NullPointerException when {@code derivation}, {@code salt} or {@code keyCheck} is null
     */
    public EncryptionHeader {
        requireNonNull(derivation, "derivation");
        requireNonNull(salt, "salt");
        requireNonNull(keyCheck, "keyCheck");
        salt = salt.clone();
    }

    /** {@return a copy of the PBKDF2 salt; empty for a raw key} */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** How a state's key is obtained. */
    public enum KeyDerivation {
        /** A raw 256-bit key ({@value StateKey#KEY_VARIABLE}). */
        RAW("none"),
        /** PBKDF2-HMAC-SHA256 from a passphrase ({@value StateKey#PASSPHRASE_VARIABLE}). */
        PBKDF2_HMAC_SHA256("PBKDF2WithHmacSHA256");

        private final String wireName;

        KeyDerivation(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the name stores write} */
        public String wireName() {
            return wireName;
        }

        /**
         * {@return the derivation a store wrote as {@code name}}
         *
         * @param name the name as a store wrote it, such as {@code none}
         * @throws IllegalArgumentException when {@code name} is not a known derivation
         */
        public static KeyDerivation ofWireName(String name) {
            for (KeyDerivation derivation : values()) {
                if (derivation.wireName.equals(name)) {
                    return derivation;
                }
            }
            throw new IllegalArgumentException("unknown key derivation \"" + name + "\"; cftokens knows " + RAW.wireName
                    + " and " + PBKDF2_HMAC_SHA256.wireName);
        }
    }
}
