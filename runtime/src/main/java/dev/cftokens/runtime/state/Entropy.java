package dev.cftokens.runtime.state;

import java.security.SecureRandom;

/**
 * The state's one source of randomness, for new keys, salts and nonces. Created on first use: an
 * application's start that only reads its values never needs it, and a {@link SecureRandom}'s creation looks
 * up the JDK's security providers.
 */
final class Entropy {
    private Entropy() {}

    /** Fills {@code bytes} with random bytes. */
    static void nextBytes(byte[] bytes) {
        Holder.RANDOM.nextBytes(bytes);
    }

    private static final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
