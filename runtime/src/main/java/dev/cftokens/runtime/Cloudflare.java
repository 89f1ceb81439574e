package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.runtime.internal.http.ApiCredentials;
import dev.cftokens.runtime.internal.http.ApiTransport;
import dev.cftokens.runtime.internal.http.Envelope;
import dev.cftokens.runtime.internal.http.HttpExchange;
import dev.cftokens.runtime.internal.http.HttpTimeouts;
import dev.cftokens.runtime.internal.http.OkHttpExchange;
import dev.cftokens.runtime.internal.http.TimeSource;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStores;
import dev.cftokens.runtime.workers.WorkerScripts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * A client of Cloudflare's v4 API, for one set of credentials and (at most) one account. Create it with
 * {@link #fromEnvironment()} or {@link #builder()}, keep it for the life of the application and share
 * it: it is immutable apart from caches, thread-safe, and all its requests share one connection pool and
 * one client-side rate limit.
 *
 * <pre>{@code
 * Cloudflare cloudflare = Cloudflare.fromEnvironment();   // CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID
 * Stream<Token> tokens = cloudflare.accountTokens().list();
 * }</pre>
 *
 * <p>Failures are {@link CloudflareException}s; {@link RetryPolicy} and {@link RateLimit} say when
 * requests are repeated or held back. Every attempt is logged at {@code DEBUG} through {@link
 * System.Logger} {@code dev.cftokens.runtime.http} (method, path, status, duration, attempt), and at
 * {@code INFO} every wait over a second for the rate limit and every 429 wait, one line each ("rate limited
 * by Cloudflare, waiting 10 s, attempt 3 (POST ...)"), which holds all requests of the instance; no log
 * line, message or {@code toString()} shows a credential or token value.
 */
public final class Cloudflare {
    /** Cloudflare's public API; the base URL includes {@code /client/v4}. */
    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

    /** The variable of the API token; the front ends map their own settings onto these names. */
    public static final String ENV_API_TOKEN = "CLOUDFLARE_API_TOKEN";
    /** The variable of a global API key, used with {@link #ENV_EMAIL}. */
    public static final String ENV_API_KEY = "CLOUDFLARE_API_KEY";
    /** The variable of the e-mail address a global API key belongs to. */
    public static final String ENV_EMAIL = "CLOUDFLARE_EMAIL";
    /** The variable of the account id to work in. */
    public static final String ENV_ACCOUNT_ID = "CLOUDFLARE_ACCOUNT_ID";
    /** The variable of the API's base URL (an emulator's, in tests). */
    public static final String ENV_BASE_URL = "CLOUDFLARE_BASE_URL";

    private final ApiTransport transport;
    /** The settings this client was built with, for {@link #authenticatedAs}. */
    private final Builder settings;

    private final String configuredAccountId;
    private final String description;
    private final TokenApi accountTokens;
    private final TokenApi userTokens;
    private final WorkerScripts workers;
    private final boolean hasCredentials;

    // Caches: filled once per instance, on first use.
    private final Object accountLock = new Object();
    private volatile String discoveredAccountId;
    private final Map<TokenOwner, PermissionGroupCatalog> livePermissionGroups = new EnumMap<>(TokenOwner.class);

    private Cloudflare(Builder builder, ApiTransport transport, boolean hasCredentials) {
        this.transport = transport;
        this.settings = builder.copy();
        this.hasCredentials = hasCredentials;
        this.configuredAccountId = builder.accountId;
        this.description = "Cloudflare{" + transport.baseUrl() + ", account "
                + (builder.accountId == null ? "(discovered on first use)" : builder.accountId) + "}";
        this.accountTokens = new TokenApi(transport, TokenOwner.ACCOUNT, this::accountId);
        this.userTokens = new TokenApi(transport, TokenOwner.USER, this::accountId);
        this.workers = new WorkerScripts(transport, this::accountId);
    }

    /**
     * A client configured from the conventional environment variables: {@code CLOUDFLARE_API_TOKEN}, or
     * {@code CLOUDFLARE_API_KEY} with {@code CLOUDFLARE_EMAIL}; optionally {@code CLOUDFLARE_ACCOUNT_ID}
     * and {@code CLOUDFLARE_BASE_URL}. Empty variables count as unset.
     *
     * @return the client
     * @throws CloudflareConfigurationException when they are missing or contradict each other
     */
    public static Cloudflare fromEnvironment() {
        return builderFrom(System::getenv).build();
    }

    /** {@link #fromEnvironment()} reading {@code environment} instead of the process environment. */
    static Cloudflare fromEnvironment(Map<String, String> environment) {
        return builderFrom(environment::get).build();
    }

    /**
     * A builder preset from the variables {@link #fromEnvironment()} reads, looked up through {@code lookup}:
     * the one reading of credentials that the command line (the environment), the Maven plugin (its
     * properties) and the Spring Boot starter (its properties) share, so that each refuses what {@link
     * Builder#build()} refuses (an API token together with a global API key, for one). Blank values count
     * as unset. {@code builderFrom(System::getenv)} is the builder of {@link #fromEnvironment()}, for changing
     * a setting (such as the {@link RetryPolicy}) before building.
     *
     * @param lookup the value of a variable by its name ({@link #ENV_API_TOKEN} and the others), or null
     * @return the builder; {@link Builder#build()} checks what the lookup set
     */
    public static Builder builderFrom(Function<String, String> lookup) {
        requireNonNull(lookup, "lookup");
        Builder builder = builder();
        String token = nonEmpty(lookup.apply(ENV_API_TOKEN));
        if (token != null) {
            builder.apiToken(token);
        }
        String key = nonEmpty(lookup.apply(ENV_API_KEY));
        if (key != null) {
            builder.apiKey(key);
        }
        String email = nonEmpty(lookup.apply(ENV_EMAIL));
        if (email != null) {
            builder.email(email);
        }
        String accountId = nonEmpty(lookup.apply(ENV_ACCOUNT_ID));
        if (accountId != null) {
            builder.accountId(accountId);
        }
        String baseUrl = nonEmpty(lookup.apply(ENV_BASE_URL));
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return builder;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * {@return whether this client carries credentials: false for one built with only an account id, as a
     * service that reads its tokens from a shared state and never holds the minting credential is; such a
     * client authenticates only as a token of its own ({@link #authenticatedAs})}
     */
    public boolean hasCredentials() {
        return hasCredentials;
    }

    /**
     * {@return a client with this one's settings (base URL, account, timeouts, retries) that authenticates
     * as {@code token}: how a service confirms a token it read from the state with the token's own value}
     *
     * @param token the value of the token to authenticate as
     */
    public Cloudflare authenticatedAs(Secret token) {
        return settings.copy()
                .apiToken(requireNonNull(token, "token"))
                .clearGlobalKey()
                .build();
    }

    /** {@return a builder with nothing set; give it credentials before {@link Builder#build()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the base URL, such as {@code https://api.cloudflare.com/client/v4}} */
    public String baseUrl() {
        return transport.baseUrl().toString();
    }

    /**
     * The account this client works in: the configured one, or else the only account the credentials can
     * see ({@code GET /accounts}, asked once and remembered).
     *
     * @return the account id, 32 hex characters
     * @throws CloudflareConfigurationException when the credentials see no account or several, or when
     *     they are an account-owned token (which cannot list accounts): set {@code CLOUDFLARE_ACCOUNT_ID}
     */
    public String accountId() {
        if (configuredAccountId != null) {
            return configuredAccountId;
        }
        String discovered = discoveredAccountId;
        if (discovered != null) {
            return discovered;
        }
        synchronized (accountLock) {
            if (discoveredAccountId == null) {
                discoveredAccountId = discoverAccountId();
            }
            return discoveredAccountId;
        }
    }

    private String discoverAccountId() {
        Envelope envelope;
        try {
            envelope = transport.get("/accounts", Map.of("page", "1", "per_page", "50"));
        } catch (CloudflareApiException e) {
            if (e.status() == 400 && e.hasErrorCode(1001)) {
                throw new CloudflareConfigurationException(
                        "no account id is configured, and these credentials cannot list"
                                + " accounts (GET /accounts answered 400, code 1001, as it does for account-owned API tokens): set "
                                + ENV_ACCOUNT_ID + " (or builder().accountId(...)) to the token's account id",
                        e);
            }
            throw e;
        }
        JsonNode result = envelope.result();
        if (!result.isArray()) {
            throw envelope.malformed("\"result\" of GET /accounts is not an array");
        }
        List<String> accounts = new ArrayList<>();
        for (JsonNode account : result) {
            accounts.add(
                    account.path("id").asText("?") + " (" + account.path("name").asText("unnamed") + ")");
        }
        if (accounts.size() == 1) {
            String id = result.get(0).path("id").asText("");
            if (!ResourceKey.isHexId(id)) {
                throw envelope.malformed("the only account's id is not 32 hex characters: \"" + id + "\"");
            }
            return id;
        }
        if (accounts.isEmpty()) {
            throw new CloudflareConfigurationException("no account id is configured, and these credentials see no"
                    + " account (GET /accounts is empty): set " + ENV_ACCOUNT_ID
                    + " (or builder().accountId(...)) to the"
                    + " account to work in, and make sure the token may access it");
        }
        long total = envelope.resultInfo().path("total_count").asLong(accounts.size());
        String more = total > accounts.size() ? " and " + (total - accounts.size()) + " more" : "";
        throw new CloudflareConfigurationException("no account id is configured, and these credentials see "
                + Math.max(total, accounts.size()) + " accounts: " + String.join(", ", accounts) + more + "; set "
                + ENV_ACCOUNT_ID + " (or builder().accountId(...)) to the one to work in");
    }

    /**
     * {@return the token API of {@code owner}: {@link #accountTokens()} or {@link #userTokens()}}
     *
     * @param owner whose tokens
     */
    public TokenApi tokens(TokenOwner owner) {
        return requireNonNull(owner, "owner") == TokenOwner.USER ? userTokens : accountTokens;
    }

    /** {@return account-owned tokens, under {@code /accounts/{accountId()}/tokens}} */
    public TokenApi accountTokens() {
        return accountTokens;
    }

    /** {@return user-owned tokens, under {@code /user/tokens}} */
    public TokenApi userTokens() {
        return userTokens;
    }

    /** {@return Worker scripts of the account, for binding tokens to Workers} */
    public WorkerScripts workers() {
        return workers;
    }

    /**
     * The permission groups the account offers now, as a catalog to check compiled ids against: one
     * request on first use, then remembered for the life of this client.
     *
     * @return the account's permission groups
     * @throws CloudflareException when the request fails
     */
    public PermissionGroupCatalog livePermissionGroups() {
        return livePermissionGroups(TokenOwner.ACCOUNT);
    }

    /**
     * The permission groups tokens of {@code owner} can grant now ({@code /accounts/{id}/tokens/permission_groups}
     * or {@code /user/tokens/permission_groups}); one request per owner, then remembered.
     *
     * @param owner whose tokens the groups are for
     * @return the permission groups
     * @throws CloudflareException when the request fails
     */
    public PermissionGroupCatalog livePermissionGroups(TokenOwner owner) {
        requireNonNull(owner, "owner");
        synchronized (livePermissionGroups) {
            PermissionGroupCatalog catalog = livePermissionGroups.get(owner);
            if (catalog == null) {
                catalog = tokens(owner).permissionGroupCatalog(null, null);
                livePermissionGroups.put(owner, catalog);
            }
            return catalog;
        }
    }

    /** Base URL and account; never the credentials. */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Settings of a {@link Cloudflare} client. Credentials are an API token, or a global API key with its
     * e-mail; everything else has a default. {@link #build()} checks the combination.
     */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String accountId;
        private Secret apiToken;
        private Secret apiKey;
        private String email;
        private OkHttpClient okHttpClient;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration callTimeout;
        private String userAgent;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RateLimit rateLimit = RateLimit.cloudflareDefault();
        private TimeSource timeSource = TimeSource.SYSTEM;

        private Builder() {}

        private Builder copy() {
            Builder copy = new Builder();
            copy.baseUrl = baseUrl;
            copy.accountId = accountId;
            copy.apiToken = apiToken;
            copy.apiKey = apiKey;
            copy.email = email;
            copy.okHttpClient = okHttpClient;
            copy.connectTimeout = connectTimeout;
            copy.readTimeout = readTimeout;
            copy.callTimeout = callTimeout;
            copy.userAgent = userAgent;
            copy.retryPolicy = retryPolicy;
            copy.rateLimit = rateLimit;
            copy.timeSource = timeSource;
            return copy;
        }

        private Builder clearGlobalKey() {
            apiKey = null;
            email = null;
            return this;
        }

        /**
         * The API's base URL including {@code /client/v4}; default {@value Cloudflare#DEFAULT_BASE_URL}.
         *
         * @param baseUrl the URL, such as {@code http://localhost:8787/client/v4} for a local emulator
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The account to work in (32 hex characters); without it, {@link Cloudflare#accountId()} discovers it.
         *
         * @param accountId the account id
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = requireNonNull(accountId, "accountId");
            return this;
        }

        /**
         * Authenticate with an API token ({@code Authorization: Bearer}).
         *
         * @param apiToken the token's value
         * @return this builder
         */
        public Builder apiToken(String apiToken) {
            this.apiToken = secret(apiToken, "apiToken", ENV_API_TOKEN);
            return this;
        }

        /**
         * Authenticate with an API token ({@code Authorization: Bearer}). The client keeps its own copy, so
         * destroying {@code apiToken} later does not break it.
         *
         * @param apiToken the token's value
         * @return this builder
         */
        public Builder apiToken(Secret apiToken) {
            this.apiToken = Secret.of(requireNonNull(apiToken, "apiToken").reveal());
            return this;
        }

        /**
         * Authenticate with the global API key; needs {@link #email}.
         *
         * @param apiKey the key's value
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = secret(apiKey, "apiKey", ENV_API_KEY);
            return this;
        }

        /**
         * Authenticate with the global API key; needs {@link #email}. The client keeps its own copy.
         *
         * @param apiKey the key's value
         * @return this builder
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = Secret.of(requireNonNull(apiKey, "apiKey").reveal());
            return this;
        }

        /**
         * The e-mail address of the user whose global API key is used.
         *
         * @param email the user's e-mail address
         * @return this builder
         */
        public Builder email(String email) {
            this.email = requireNonNull(email, "email").strip();
            return this;
        }

        /**
         * An OkHttp client to share its connection pool, dispatcher, proxy and interceptors; every request
         * then goes through it. It is never modified: this client works on {@code okHttpClient.newBuilder()},
         * and keeps its timeouts unless timeouts are also set here. Without one, this client builds an OkHttp
         * client of its own.
         *
         * @param okHttpClient the client to derive this one's from
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient okHttpClient) {
            this.okHttpClient = requireNonNull(okHttpClient, "okHttpClient");
            return this;
        }

        /**
         * Time to open a connection; default 10 s.
         *
         * @param timeout the timeout; not negative
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkTimeout(timeout, "connectTimeout");
            return this;
        }

        /**
         * Longest silence while reading an answer; default 30 s.
         *
         * @param timeout the timeout; not negative
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkTimeout(timeout, "readTimeout");
            return this;
        }

        /**
         * Longest time of one attempt from start to finish; default 60 s.
         *
         * @param timeout the timeout; not negative
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = checkTimeout(timeout, "callTimeout");
            return this;
        }

        /**
         * The calling application's product token, such as {@code my-service/1.4}; the {@code User-Agent}
         * becomes {@code my-service/1.4 cftokens/<version>}. Default: just {@code cftokens/<version>}.
         *
         * @param product the product token, printable ASCII
         * @return this builder
         * @throws IllegalArgumentException when {@code product} is blank or not printable ASCII
         */
        public Builder userAgent(String product) {
            requireNonNull(product, "product");
            if (product.isBlank() || product.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException(
                        "userAgent must be printable ASCII such as \"my-service/1.4\", not \"" + product + "\"");
            }
            this.userAgent = product.strip();
            return this;
        }

        /**
         * When and how long to retry; default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The client-side request budget; default {@link RateLimit#cloudflareDefault()}.
         *
         * @param rateLimit the budget; {@link RateLimit#unlimited()} for none
         * @return this builder
         */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /** For tests: the clock and sleeper of back-off and rate limiting. */
        Builder timeSource(TimeSource timeSource) {
            this.timeSource = requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * Checks the settings and builds the client.
         *
         * @return the client
         * @throws CloudflareConfigurationException naming the variable to set when credentials are missing
         *     or contradictory, or the base URL or account id is malformed
         */
        public Cloudflare build() {
            ApiCredentials credentials = credentials();
            URI url = parseBaseUrl();
            if (accountId != null && !ResourceKey.isHexId(accountId)) {
                // Described, not quoted: a swapped variable could put a token or key here.
                throw new CloudflareConfigurationException(ENV_ACCOUNT_ID
                        + " (builder().accountId) must be 32 lower-case"
                        + " hexadecimal characters, such as 023e105f4ecef8ad9ca31a8372d0c353, but the value set is "
                        + describeShape(accountId) + " (not shown, in case it is a secret set in the wrong variable)");
            }
            String agent = (userAgent == null ? "" : userAgent + " ") + "cftokens/" + version();
            HttpExchange exchange =
                    new OkHttpExchange(okHttpClient, new HttpTimeouts(connectTimeout, readTimeout, callTimeout));
            ApiTransport transport =
                    new ApiTransport(exchange, url, credentials, agent, retryPolicy, rateLimit, timeSource);
            return new Cloudflare(this, transport, credentials.present());
        }

        private ApiCredentials credentials() {
            checkHeaderValue(apiToken == null ? null : apiToken.reveal(), ENV_API_TOKEN, "apiToken");
            checkHeaderValue(apiKey == null ? null : apiKey.reveal(), ENV_API_KEY, "apiKey");
            checkHeaderValue(email, ENV_EMAIL, "email");
            if (apiToken != null && apiKey != null) {
                throw new CloudflareConfigurationException(
                        "both an API token (" + ENV_API_TOKEN + " / builder().apiToken)"
                                + " and a global API key (" + ENV_API_KEY
                                + " / builder().apiKey) are set; set only one of them,"
                                + " preferably the API token");
            }
            if (apiToken != null) {
                return ApiCredentials.apiToken(apiToken);
            }
            if (apiKey != null) {
                if (email == null) {
                    throw new CloudflareConfigurationException(
                            "a global API key (" + ENV_API_KEY + ") is set but no e-mail:" + " set " + ENV_EMAIL
                                    + " (or builder().email(...)) to the address of the key's user");
                }
                return ApiCredentials.globalApiKey(email, apiKey);
            }
            if (accountId != null) {
                // A service that only reads its tokens from a shared state: it never holds the minting credential.
                return ApiCredentials.none();
            }
            throw new CloudflareConfigurationException("no Cloudflare credentials: set the variable " + ENV_API_TOKEN
                    + " to an API token that may create tokens (in a shell: export " + ENV_API_TOKEN
                    + "=<token>), or " + ENV_API_KEY + " and " + ENV_EMAIL + " to a global API key and its"
                    + " user's e-mail; in code, Cloudflare.builder().apiToken(...). A service that only reads"
                    + " tokens applied elsewhere from a shared state sets " + ENV_ACCOUNT_ID + " instead, with"
                    + " " + StateStores.STATE_VARIABLE + " and " + StateKey.KEY_VARIABLE);
        }

        private static String describeShape(String value) {
            long hex = value.chars()
                    .filter(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                    .count();
            String shape = value.length() + " characters long";
            if (hex < value.length()) {
                shape += ", of which " + (value.length() - hex) + " are not lower-case hexadecimal";
            }
            return shape;
        }

        /**
         * The base URL as requests are built on it: http or https, lower-case scheme and host, no user-info
         * (Cloudflare never reads it, and dropping it keeps a password out of toString() and messages), no
         * default port, no trailing {@code /}.
         */
        private URI parseBaseUrl() {
            URI url;
            try {
                url = new URI(baseUrl.strip());
            } catch (URISyntaxException e) {
                url = null;
            }
            String scheme = url == null || url.getScheme() == null
                    ? ""
                    : url.getScheme().toLowerCase(Locale.ROOT);
            if (url == null
                    || !(scheme.equals("http") || scheme.equals("https"))
                    || url.getHost() == null
                    || url.getRawQuery() != null
                    || url.getRawFragment() != null) {
                throw new CloudflareConfigurationException(
                        ENV_BASE_URL + " (builder().baseUrl) must be an http or https" + " URL such as "
                                + DEFAULT_BASE_URL + ", not \"" + withoutUserInfo(baseUrl) + "\"");
            }
            String host = url.getHost().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !isLoopback(host)) {
                throw new CloudflareConfigurationException(ENV_BASE_URL + " (builder().baseUrl) is plain http to "
                        + host
                        + ", which would send the API credentials unencrypted: use https (plain http is allowed"
                        + " only to a loopback address such as 127.0.0.1, ::1 or localhost, for a local emulator)");
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            String port = url.getPort() == -1 || url.getPort() == defaultPort ? "" : ":" + url.getPort();
            // Paths are appended segment by segment; trailing slashes would double them.
            String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
            return URI.create(scheme + "://" + host + port + path);
        }

        /** {@code url} with anything between {@code //} and {@code @} masked, for messages. */
        private static String withoutUserInfo(String url) {
            return url.replaceFirst("//[^/@]*@", "//****@");
        }

        /** localhost, 127.0.0.0/8 or ::1; decided from the name alone, never by resolving it. */
        private static boolean isLoopback(String host) {
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.equals("localhost")) {
                return true;
            }
            boolean ipLiteral = host.contains(":") || host.matches("[0-9.]+");
            try {
                return ipLiteral && InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static Secret secret(String value, String method, String variable) {
            requireNonNull(value, method);
            if (value.isBlank()) {
                throw new CloudflareConfigurationException(method + " (" + variable + ") must not be empty");
            }
            return Secret.of(value.strip());
        }

        /** Fails, naming where the value came from but never showing it, when it cannot be a header value. */
        private static void checkHeaderValue(String value, String variable, String method) {
            if (value == null) {
                return;
            }
            String problem = ApiCredentials.invalidHeaderCharacter(value);
            if (problem != null) {
                throw new CloudflareConfigurationException(variable + " (builder()." + method + ") cannot be sent to"
                        + " Cloudflare: " + problem + "; re-copy the value (the value itself is not shown)");
            }
        }

        private static Duration checkTimeout(Duration timeout, String name) {
            requireNonNull(timeout, name);
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not " + timeout);
            }
            return timeout;
        }

        @Override
        public String toString() {
            return "Cloudflare.Builder{" + withoutUserInfo(baseUrl) + ", account "
                    + (accountId == null || ResourceKey.isHexId(accountId) ? accountId : "(malformed)") + "}";
        }
    }

    /**
     * How many requests to keep in flight to use this client's rate limit with the round trip measured so
     * far, from {@code min} to {@code max}; {@code fallback} before the first answer. What provisioning sizes
     * its concurrency from.
     */
    int concurrency(int fallback, int min, int max) {
        return transport.concurrency(fallback, min, max);
    }

    /**
     * cftokens' version for the {@code User-Agent}: from the {@code pom.properties} Maven writes into every
     * jar it builds (so no build configuration is needed), else the jar manifest, else {@code dev} when
     * running from unpackaged classes.
     */
    static String version() {
        try (InputStream in =
                Cloudflare.class.getResourceAsStream("/META-INF/maven/dev.cftokens/cftokens-runtime/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (IOException e) {
            // Fall through to the manifest.
        }
        String manifest = Cloudflare.class.getPackage().getImplementationVersion();
        return manifest == null ? "dev" : manifest;
    }
}
