package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.emulator.tokens.TokenValues;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start a {@link CloudflareEmulator}. Immutable; made by {@link #builder()}. Everything has a
 * default: a free port, a random admin token, account and user, the bundled catalog, no faults, no rate
 * limit, no state file.
 */
public final class EmulatorOptions {

    private final int port;
    private final String adminToken;
    private final String accountId;
    private final String userId;
    private final String userEmail;
    private final String globalApiKey;
    private final PermissionGroupCatalog catalog;
    private final List<Fault> faults;
    private final long seed;
    private final EmulatedRateLimit rateLimit;
    private final EmulatedRateLimit addressRateLimit;
    private final Path statePath;
    private final Clock clock;
    private final Duration clockOffset;
    private final int threads;
    private final List<ExchangeListener> exchangeListeners;

    private EmulatorOptions(Builder builder) {
        this.port = builder.port;
        this.adminToken = builder.adminToken;
        this.accountId = builder.accountId;
        this.userId = builder.userId;
        this.userEmail = builder.userEmail;
        this.globalApiKey = builder.globalApiKey;
        this.catalog = builder.catalog;
        List<Fault> all = new ArrayList<>();
        if (!builder.latency.isZero()) {
            all.add(Fault.latency(builder.latency));
        }
        all.addAll(builder.faults);
        this.faults = List.copyOf(all);
        this.seed = builder.seed;
        this.rateLimit = builder.rateLimit;
        this.addressRateLimit = builder.addressRateLimit;
        this.statePath = builder.statePath;
        this.clock = builder.clock;
        this.clockOffset = builder.clockOffset;
        this.threads = builder.threads;
        this.exchangeListeners = List.copyOf(builder.exchangeListeners);
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the options with every default} */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    /** {@return the loopback port to listen on; 0 for a free one} */
    public int port() {
        return port;
    }

    /** {@return the bootstrap admin token; empty for a random one} */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    /** {@return the account's id; empty for a random one} */
    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** {@return the user's id; empty for a random one} */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** {@return the user's e-mail, for the global API key} */
    public String userEmail() {
        return userEmail;
    }

    /** {@return the user's global API key; empty for a random one} */
    public Optional<String> globalApiKey() {
        return Optional.ofNullable(globalApiKey);
    }

    /** {@return the permission groups the emulator offers} */
    public PermissionGroupCatalog catalog() {
        return catalog;
    }

    /** {@return the faults to start with, latency first} */
    public List<Fault> faults() {
        return faults;
    }

    /** {@return the seed of the random source that decides which requests a fault hits} */
    public long seed() {
        return seed;
    }

    /** {@return the per-credential rate limit; empty for none} */
    public Optional<EmulatedRateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** {@return the per-client-address rate limit; empty for none} */
    public Optional<EmulatedRateLimit> addressRateLimit() {
        return Optional.ofNullable(addressRateLimit);
    }

    /** {@return the file that keeps the state across restarts; empty to keep it in memory only} */
    public Optional<Path> statePath() {
        return Optional.ofNullable(statePath);
    }

    /** {@return the clock for issued_on, expiry and not_before, before {@link #clockOffset()} is added} */
    public Clock clock() {
        return clock;
    }

    /**
     * {@return how far ahead of {@link #clock()} the emulator starts; {@link CloudflareEmulator#advanceClock}
     * moves it further}
     */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** {@return the number of threads serving requests} */
    public int threads() {
        return threads;
    }

    /**
     * {@return the listeners given to the builder; those found by {@link java.util.ServiceLoader} are added at start}
     */
    public List<ExchangeListener> exchangeListeners() {
        return exchangeListeners;
    }

    @Override
    public String toString() {
        // Credentials are left out on purpose.
        return "EmulatorOptions{port=" + port + ", catalog=" + catalog + ", faults=" + faults + ", seed=" + seed
                + ", rateLimit=" + rateLimit + ", addressRateLimit=" + addressRateLimit + ", statePath=" + statePath
                + ", clockOffset=" + clockOffset + ", threads=" + threads + "}";
    }

    /** Builds {@link EmulatorOptions}; each setter checks its value at once. */
    public static final class Builder {
        private int port;
        private String adminToken;
        private String accountId;
        private String userId;
        private String userEmail = "user@example.com";
        private String globalApiKey;
        private PermissionGroupCatalog catalog = PermissionGroupCatalog.bundled();
        private Duration latency = Duration.ZERO;
        private final List<Fault> faults = new ArrayList<>();
        private final List<ExchangeListener> exchangeListeners = new ArrayList<>();
        private long seed = 1;
        private EmulatedRateLimit rateLimit;
        private EmulatedRateLimit addressRateLimit;
        private Path statePath;
        private Clock clock = Clock.systemUTC();
        private Duration clockOffset = Duration.ZERO;
        // Latency faults sleep on these threads, so there are more of them than cores.
        private int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 4);

        private Builder() {}

        /**
         * The loopback port to listen on; 0 (the default) picks a free one.
         *
         * @param port the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The bootstrap admin token (40 to 80 characters of {@code [A-Za-z0-9_-]}); random by default.
         *
         * @param token the token
         * @return this builder
         */
        public Builder adminToken(String token) {
            requireNonNull(token, "token");
            if (!TokenValues.looksLikeValue(token)) {
                // The value itself is not repeated: it is a credential.
                throw new IllegalArgumentException(
                        "admin token must be 40 to 80 characters of [A-Za-z0-9_-], not one of " + token.length()
                                + " characters");
            }
            this.adminToken = token;
            return this;
        }

        /**
         * The one account's id, 32 lower-case hex characters; random by default.
         *
         * @param id 32 lower-case hex characters
         * @return this builder
         */
        public Builder accountId(String id) {
            this.accountId = hex32(id, "account id");
            return this;
        }

        /**
         * The user's id (the {@code <USER_TAG>} of user resource keys), 32 hex characters; random by default.
         *
         * @param id 32 lower-case hex characters
         * @return this builder
         */
        public Builder userId(String id) {
            this.userId = hex32(id, "user id");
            return this;
        }

        /**
         * The user's e-mail, for the global API key; {@code user@example.com} by default.
         *
         * @param email an address containing {@code @}
         * @return this builder
         */
        public Builder userEmail(String email) {
            requireNonNull(email, "email");
            if (!email.contains("@")) {
                throw new IllegalArgumentException("user e-mail must contain @, not \"" + email + "\"");
            }
            this.userEmail = email;
            return this;
        }

        /**
         * The user's global API key, accepted with {@link #userEmail}; random by default.
         *
         * @param key the key, not blank
         * @return this builder
         */
        public Builder globalApiKey(String key) {
            requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("global API key must not be blank");
            }
            this.globalApiKey = key;
            return this;
        }

        /**
         * The permission groups to offer; the bundled catalog by default.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder catalog(PermissionGroupCatalog catalog) {
            this.catalog = requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Reads the permission groups from a file in any shape {@link PermissionGroupCatalog#read(Path)} takes.
         *
         * @param file the catalog file
         * @return this builder
         */
        public Builder catalog(Path file) {
            return catalog(PermissionGroupCatalog.read(file));
        }

        /**
         * Added to every request.
         *
         * @param latency the delay, not negative
         * @return this builder
         */
        public Builder latency(Duration latency) {
            requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, not " + latency);
            }
            this.latency = latency;
            return this;
        }

        /**
         * Adds a listener that sees every exchange the emulator answers.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder exchangeListener(ExchangeListener listener) {
            exchangeListeners.add(requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a fault to start with; {@link CloudflareEmulator#injectFault} adds more while it runs.
         *
         * @param fault the fault
         * @return this builder
         */
        public Builder fault(Fault fault) {
            faults.add(requireNonNull(fault, "fault"));
            return this;
        }

        /**
         * The seed of the random source that decides which requests a fault hits.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Turns on a per-credential rate limit, such as {@link EmulatedRateLimit#cloudflare()}; null turns it off.
         *
         * @param rateLimit the limit, or null for none
         * @return this builder
         */
        public Builder rateLimit(EmulatedRateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        /**
         * Turns on a per-client-address rate limit, such as {@link EmulatedRateLimit#cloudflarePerAddress()}, counted
         * before authentication as Cloudflare's edge does; null turns it off. The emulator listens on
         * loopback, so all its clients share one address, as clients behind one NAT do.
         *
         * @param rateLimit the limit, or null for none
         * @return this builder
         */
        public Builder addressRateLimit(EmulatedRateLimit rateLimit) {
            this.addressRateLimit = rateLimit;
            return this;
        }

        /**
         * A JSON file that keeps tokens (their hashes, never values), scripts and ids across restarts; written
         * atomically after every change.
         *
         * @param path the file, or null to keep the state in memory only
         * @return this builder
         */
        public Builder statePath(Path path) {
            this.statePath = path;
            return this;
        }

        /**
         * The clock for issued_on, expiry and not_before; tests move it.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the emulator's clock this far ahead of {@link #clock(Clock)}, as if that much time had passed:
         * a token issued now by another process is seen {@code offset} older. The standalone jar's {@code
         * --clock-offset P30D}.
         *
         * @param offset how far ahead, zero or more
         * @return this builder
         * @throws IllegalArgumentException when it is negative
         */
        public Builder clockOffset(Duration offset) {
            requireNonNull(offset, "offset");
            if (offset.isNegative()) {
                throw new IllegalArgumentException("clock offset must not be negative, not " + offset
                        + "; the emulator's clock only moves forward (give an earlier clock instead)");
            }
            this.clockOffset = offset;
            return this;
        }

        /**
         * Threads serving requests.
         *
         * @param threads the number of threads, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** {@return the options} */
        public EmulatorOptions build() {
            return new EmulatorOptions(this);
        }

        private static String hex32(String id, String what) {
            requireNonNull(id, what);
            if (!ResourceKey.isHexId(id)) {
                throw new IllegalArgumentException(what + " must be 32 lower-case hex characters, not \"" + id + "\"");
            }
            return id;
        }
    }
}
