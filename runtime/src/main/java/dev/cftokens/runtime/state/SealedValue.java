package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

/**
 * A value encrypted with AES-GCM, as a state store keeps it: the nonce and the ciphertext with its tag.
 * Opaque to stores; only {@link StateEncryption} reads it.
 */
public record SealedValue(byte[] nonce, byte[] ciphertext) {
    public SealedValue {
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

    @Override
    public String toString() {
        return "SealedValue[" + ciphertext.length + " bytes]";
    }
}
