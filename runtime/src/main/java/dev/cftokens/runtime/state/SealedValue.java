package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

/**
 * A value encrypted with AES-GCM, as a state store keeps it: the nonce and the ciphertext with its tag.
 * Opaque to stores; only {@link StateEncryption} reads it.
 *
 * @param nonce the AES-GCM nonce
 * @param ciphertext the ciphertext followed by its tag
 */
public record SealedValue(byte[] nonce, byte[] ciphertext) {
    /**
     * Copies both arrays, so the value stays immutable.
     *
     * @param nonce the AES-GCM nonce
     * @param ciphertext the ciphertext followed by its tag
     * @throws NullPointerException when either is null
     */
    public SealedValue {
        requireNonNull(nonce, "nonce");
        requireNonNull(ciphertext, "ciphertext");
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    /** {@return a copy of the AES-GCM nonce} */
    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** {@return a copy of the ciphertext with its tag} */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "SealedValue[" + ciphertext.length + " bytes]";
    }
}
