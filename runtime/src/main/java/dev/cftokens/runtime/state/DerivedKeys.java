package dev.cftokens.runtime.state;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys derived from passphrases in this JVM, so PBKDF2 (hundreds of milliseconds by design) runs
 * once per passphrase, salt and iteration count however many stores and runs use them: a service that
 * provisions at every start, or many provisioners in one start, pays for it once.
 *
 * <p>Entries are found by a SHA-256 digest of the passphrase, never the passphrase itself.
 */
final class DerivedKeys {
    private static final int CAPACITY = 16;

    /** A derived key with the salt it was derived with. */
    record Derived(byte[] salt, int iterations, ValueCipher cipher) {}

    private static final Map<String, Derived> CACHE = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Derived> eldest) {
            return size() > CAPACITY;
        }
    };
    /** The salt last used for a new state with a passphrase, by passphrase digest. */
    private static final Map<String, Derived> LATEST = new LinkedHashMap<>();

    private static int derivations;

    private DerivedKeys() {}

    /** The key of {@code passphrase} with {@code salt}, derived now or earlier in this JVM. */
    static synchronized ValueCipher derive(char[] passphrase, byte[] salt, int iterations) {
        String digest = digest(passphrase);
        String cacheKey = digest + "|" + HexFormat.of().formatHex(salt) + "|" + iterations;
        Derived cached = CACHE.get(cacheKey);
        if (cached != null) {
            return cached.cipher();
        }
        ValueCipher cipher = ValueCipher.derive(passphrase, salt, iterations);
        derivations++;
        Derived derived = new Derived(salt.clone(), iterations, cipher);
        CACHE.put(cacheKey, derived);
        LATEST.put(digest, derived);
        return cipher;
    }

    /**
     * A salt and key for a state that has no values yet: the last ones this JVM used with the passphrase
     * (a salt is as fresh as any until a value is written under it), so a service that opens an empty
     * state at every provision derives the key once.
     */
    static synchronized Derived fresh(char[] passphrase, int iterations) {
        Derived latest = LATEST.get(digest(passphrase));
        if (latest != null && latest.iterations() == iterations) {
            return latest;
        }
        byte[] salt = ValueCipher.newSalt();
        return new Derived(salt, iterations, derive(passphrase, salt, iterations));
    }

    /** How many keys this JVM has derived; for tests. */
    static synchronized int derivations() {
        return derivations;
    }

    private static String digest(char[] passphrase) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
