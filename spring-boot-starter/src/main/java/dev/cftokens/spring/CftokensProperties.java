package dev.cftokens.spring;

import dev.cftokens.runtime.provision.ProvisioningMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cftokens.*} properties. Credentials and the state's secrets default to the variables the
 * command line reads ({@code CLOUDFLARE_API_TOKEN}, {@code CFTOKENS_PASSPHRASE}, ...), so an application
 * that already runs with them needs no property at all.
 */
@ConfigurationProperties(prefix = "cftokens")
public class CftokensProperties {
    /** Whether the application's tokens are provisioned at startup and offered as beans. */
    private boolean enabled = true;

    /** Cloudflare API token that provisions the others; default the CLOUDFLARE_API_TOKEN variable. */
    private String apiToken;

    /** Cloudflare account (32 hex characters); default CLOUDFLARE_ACCOUNT_ID, else the one the token sees. */
    private String accountId;

    /** Base URL of Cloudflare's API, including /client/v4; default CLOUDFLARE_BASE_URL, else Cloudflare's. */
    private String baseUrl;

    /**
     * Where the state is kept: a file path, a jdbc:postgresql: URL, or "datasource" for the application's
     * own DataSource; default CFTOKENS_STATE, else .cftokens/state.json in the working directory.
     */
    private String state;

    /** Base64 256-bit key that encrypts the token values kept in the state; default CFTOKENS_KEY. */
    private String key;

    /** Passphrase the key of the stored token values is derived from; default CFTOKENS_PASSPHRASE. */
    private String passphrase;

    /**
     * How many changes run at once, 1 to 64; default automatic, as the runtime and the command line choose
     * it (as many as the client's rate limit and measured round trip keep busy).
     */
    private Integer parallelism;

    /** How long startup waits for another instance that is provisioning the same state. */
    private Duration waitTimeout = Duration.ofMinutes(2);

    /**
     * Whether a declaration with no recorded token adopts an unrecorded token with exactly its name and
     * grants, instead of creating another.
     */
    private boolean adopt = true;

    /**
     * Whether a token found by name and grants but created elsewhere (another state) may be rolled when its
     * value is needed; rolling breaks every other holder of the value. Sharing the state (cftokens.state) is
     * the better fix.
     */
    private boolean rollAdopted = false;

    /**
     * The declarations to provision, by id (such as readonly-token) or by the name of the declaring
     * interface; default every declaration the annotation processor recorded under META-INF/cftokens.
     */
    private List<String> declarations = new ArrayList<>();

    /** Input values by declaration id and input name: cftokens.inputs.restricted-token.zone-id=... */
    private Map<String, Map<String, String>> inputs = new LinkedHashMap<>();

    /**
     * Whether this instance writes tokens ({@code provision}) or only serves them from the shared state
     * ({@code consume}); unset, it provisions with credentials and consumes without.
     */
    private ProvisioningMode mode;

    /** How often live token handles read the state; unset, CFTOKENS_REFRESH_INTERVAL or 30 seconds. */
    private Duration refreshInterval;

    private final Health health = new Health();

    private final Rotation rotation = new Rotation();

    public ProvisioningMode getMode() {
        return mode;
    }

    public void setMode(ProvisioningMode mode) {
        this.mode = mode;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public Rotation getRotation() {
        return rotation;
    }

    /** Rotation of {@code @Rotation} tokens in this instance. */
    public static class Rotation {
        /** Whether this instance rotates its tokens when due; off, rotation is left to cron or CI. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getPassphrase() {
        return passphrase;
    }

    public void setPassphrase(String passphrase) {
        this.passphrase = passphrase;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Duration getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public boolean isAdopt() {
        return adopt;
    }

    public void setAdopt(boolean adopt) {
        this.adopt = adopt;
    }

    public boolean isRollAdopted() {
        return rollAdopted;
    }

    public void setRollAdopted(boolean rollAdopted) {
        this.rollAdopted = rollAdopted;
    }

    public List<String> getDeclarations() {
        return declarations;
    }

    public void setDeclarations(List<String> declarations) {
        this.declarations = declarations;
    }

    public Map<String, Map<String, String>> getInputs() {
        return inputs;
    }

    public void setInputs(Map<String, Map<String, String>> inputs) {
        this.inputs = inputs;
    }

    public Health getHealth() {
        return health;
    }

    /** The Actuator health check. */
    public static class Health {
        /** How long a health result is reused; at most one list request to Cloudflare per interval. */
        private Duration interval = Duration.ofMinutes(1);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** Leaves out the credentials, the key, the passphrase and the state (a JDBC URL may hold a password). */
    @Override
    public String toString() {
        return "CftokensProperties[enabled=" + enabled + ", declarations=" + declarations + "]";
    }
}
