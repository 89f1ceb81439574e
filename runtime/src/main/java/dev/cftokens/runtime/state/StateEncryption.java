package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.state.EncryptionHeader.KeyDerivation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * How every state's token values are encrypted: AES-256-GCM with a fresh random nonce per value, under
 * a raw key or one derived from a passphrase with PBKDF2-HMAC-SHA256. The associated data binds a
 * ciphertext to its declaration and token, so values cannot be swapped between entries. The state
 * keeps the {@link #header()} beside its values; {@link #unlock} checks a later run's key against it
 * before anything is read or written.
 */
final class StateEncryption {
    /** PBKDF2 iterations for a new state: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int MIN_ITERATIONS = ValueCipher.MIN_ITERATIONS;

    private static final byte[] KEY_CHECK = "cftokens key check".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_CHECK_CONTEXT = "cftokens key check v1";

    private final EncryptionHeader header;
    private final ValueCipher cipher;

    private StateEncryption(EncryptionHeader header, ValueCipher cipher) {
        this.header = header;
        this.cipher = cipher;
    }

    /**
     * Encryption for a state that holds no values yet, with the default PBKDF2 iterations.
     *
     * @param key the raw key or passphrase
     * @return the encryption, with a new header to keep beside the values
     */
    static StateEncryption create(StateKey key) {
        return create(key, MIN_ITERATIONS);
    }

    /**
     * Encryption for a state that holds no values yet.
     *
     * @param key the raw key or passphrase
     * @param iterations PBKDF2 iterations for a passphrase; at least {@value #MIN_ITERATIONS}
     * @return the encryption, with a new header to keep beside the values
     * @throws IllegalArgumentException when {@code iterations} is below {@value #MIN_ITERATIONS}
     */
    static StateEncryption create(StateKey key, int iterations) {
        requireNonNull(key, "key");
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException(
                    "PBKDF2 iterations must be at least " + MIN_ITERATIONS + ", not " + iterations);
        }
        if (!key.isPassphrase()) {
            ValueCipher cipher = ValueCipher.ofKey(key.rawKey());
            return new StateEncryption(
                    new EncryptionHeader(KeyDerivation.RAW, new byte[0], 0, checkValue(cipher)), cipher);
        }
        char[] passphrase = key.passphrase();
        try {
            DerivedKeys.Derived derived = DerivedKeys.fresh(passphrase, iterations);
            return new StateEncryption(
                    new EncryptionHeader(
                            KeyDerivation.PBKDF2_HMAC_SHA256, derived.salt(), iterations, checkValue(derived.cipher())),
                    derived.cipher());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * The encryption of a state whose values were written under {@code header}, if {@code key} is the
     * one they were written with.
     *
     * @param key the key this run was given
     * @param header what the store kept beside its values
     * @param where the state, for the message, such as {@code "the state file .cftokens/state.json"}
     * @return the encryption that opens those values
     * @throws StateException when the key is another one, or of the other kind; nothing is changed
     */
    static StateEncryption unlock(StateKey key, EncryptionHeader header, String where) {
        requireNonNull(key, "key");
        requireNonNull(header, "header");
        boolean passphraseState = header.derivation() == KeyDerivation.PBKDF2_HMAC_SHA256;
        if (passphraseState != key.isPassphrase()) {
            String needed = passphraseState ? StateKey.PASSPHRASE_VARIABLE : StateKey.KEY_VARIABLE;
            throw new StateException("the values in " + where + " are encrypted under "
                    + (passphraseState ? "a passphrase" : "a raw key") + " (" + needed + "), but "
                    + key.variable() + " was given; nothing was changed. Set " + needed
                    + " as before, or copy the state to a new store under the new key with"
                    + " `cftokens-cli state copy`.");
        }
        ValueCipher cipher;
        if (passphraseState) {
            char[] passphrase = key.passphrase();
            try {
                cipher = DerivedKeys.derive(passphrase, header.salt(), header.iterations());
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        } else {
            cipher = ValueCipher.ofKey(key.rawKey());
        }
        try {
            byte[] check = cipher.open(header.keyCheck(), KEY_CHECK_CONTEXT);
            if (!Arrays.equals(check, KEY_CHECK)) {
                throw new AEADBadTagException("key check constant differs");
            }
        } catch (AEADBadTagException e) {
            throw new StateException("the " + (passphraseState ? "passphrase" : "key") + " in " + key.variable()
                    + " is not the one the values in " + where + " were encrypted with; nothing was changed."
                    + " Set the " + (passphraseState ? "passphrase" : "key") + " used before.");
        }
        return new StateEncryption(header, cipher);
    }

    /** {@return what the store keeps beside the values} */
    EncryptionHeader header() {
        return header;
    }

    /**
     * {@return {@code value} sealed for {@code record}'s declaration and token}
     *
     * @param record the record the value belongs to; opening it under another record fails
     * @param value the token's value
     */
    SealedValue seal(TokenRecord record, Secret value) {
        requireNonNull(record, "record");
        requireNonNull(value, "value");
        byte[] plain = value.revealBytes();
        try {
            return cipher.seal(plain, context(record));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The value sealed for {@code record}, or empty when it was sealed for another declaration or token
     * (moved or altered: treated as absent, so the engine obtains the value again).
     *
     * @param record the record the value is read for
     * @param sealed the value as the store keeps it
     * @return the value, or empty
     */
    Optional<Secret> open(TokenRecord record, SealedValue sealed) {
        requireNonNull(record, "record");
        requireNonNull(sealed, "sealed");
        byte[] plain;
        try {
            plain = cipher.open(sealed, context(record));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
        char[] value = new char[chars.remaining()];
        chars.get(value);
        Arrays.fill(plain, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        try {
            return Optional.of(Secret.of(value));
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    /** Whether a value sealed for {@code from} would open for {@code to} (same declaration and token). */
    static boolean sameContext(TokenRecord from, TokenRecord to) {
        return context(from).equals(context(to));
    }

    private static SealedValue checkValue(ValueCipher cipher) {
        return cipher.seal(KEY_CHECK, KEY_CHECK_CONTEXT);
    }

    private static String context(TokenRecord record) {
        return "cftokens value v1|" + record.declarationId() + "|" + record.tokenId();
    }

    @Override
    public String toString() {
        return "StateEncryption[" + header.derivation().wireName() + "]";
    }
}
