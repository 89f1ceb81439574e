package dev.cftokens.runtime.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.spec.KeySpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a raw key or one derived from a passphrase with PBKDF2-HMAC-SHA256. Every value gets a fresh
 * random 96-bit nonce; the associated data binds a ciphertext to the entry it belongs to, so values
 * cannot be swapped between tokens in the file.
 */
final class ValueCipher {
    static final String KDF = "PBKDF2WithHmacSHA256";
    static final String CIPHER = "AES/GCM/NoPadding";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int MIN_ITERATIONS = 210_000;

    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;

    private ValueCipher(SecretKey key) {
        this.key = key;
    }

    static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        Entropy.nextBytes(salt);
        return salt;
    }

    /** A cipher under a raw 256-bit key; the array is cleared. */
    static ValueCipher ofKey(byte[] key) {
        try {
            return new ValueCipher(new SecretKeySpec(key, "AES"));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    static ValueCipher derive(char[] passphrase, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] keyBytes =
                    SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            try {
                return new ValueCipher(new SecretKeySpec(keyBytes, "AES"));
            } finally {
                Arrays.fill(keyBytes, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + KDF, e);
        } finally {
            ((PBEKeySpec) spec).clearPassword();
        }
    }

    SealedValue seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        Entropy.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + CIPHER, e);
        }
    }

    /** The plaintext, or {@link AEADBadTagException} when the key or the associated data is wrong. */
    byte[] open(SealedValue sealed, String associatedData) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt with " + CIPHER + ": " + e.getMessage(), e);
        }
    }
}
