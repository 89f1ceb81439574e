package dev.cftokens.spring;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.ProvisioningMode;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.state.postgres.PostgresStateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Provisions every token the application declares, once, at startup, before any bean that injects one,
 * and offers each as a {@code ProvisionedToken<Declaring interface>} bean. The {@link Cloudflare} client
 * the {@link StateStore} and the configured {@link Provisioning} are beans an application may replace.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration", // Boot 3
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" // Boot 4
        })
@ConditionalOnClass(Provisioning.class)
@ConditionalOnProperty(prefix = "cftokens", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(CftokensProperties.class)
@Import(TokenBeanRegistrar.class)
public class CftokensAutoConfiguration {
    /** {@code cftokens.state=datasource}: the PostgreSQL store on the application's own DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({PostgresStateStore.class, DataSource.class})
    @ConditionalOnProperty(prefix = "cftokens", name = "state", havingValue = ProvisioningSetup.DATASOURCE)
    static class DataSourceStateStoreConfiguration {
        @Bean
        @ConditionalOnMissingBean
        StateStore cftokensStateStore(
                @CftokensDataSource ObjectProvider<DataSource> stateDataSource,
                ObjectProvider<DataSource> dataSources,
                CftokensProperties properties,
                Environment environment) {
            DataSource dataSource = stateDataSource.getIfAvailable(dataSources::getIfUnique);
            if (dataSource == null) {
                throw new StateException("cftokens.state=datasource needs the application's DataSource, and"
                        + " there is none or several without a primary one: mark the one for the state with"
                        + " @CftokensDataSource (or @Primary), or set cftokens.state to a jdbc:postgresql: URL");
            }
            return PostgresStateStore.builder()
                    .dataSource(dataSource)
                    .origin("cftokens.state=datasource")
                    .key(new ProvisioningSetup(properties, environment)
                            .key()
                            .orElseThrow(() -> new StateException("cftokens.state=datasource shares token values"
                                    + " between instances, so it needs a key: set cftokens.key ("
                                    + StateKey.KEY_VARIABLE + ", base64 of 32 random bytes) or cftokens.passphrase ("
                                    + StateKey.PASSPHRASE_VARIABLE + ")")))
                    .lockWait(properties.getWaitTimeout())
                    .build();
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public Cloudflare cftokensCloudflare(Environment environment) {
        return CloudflareClientFactory.create(new SettingLookup(environment));
    }

    @Bean
    @ConditionalOnMissingBean
    public StateStore cftokensStateStore(CftokensProperties properties, Environment environment) {
        return new ProvisioningSetup(properties, environment).stateStore();
    }

    /** The runtime's entry, configured by {@code cftokens.*}: for provisioning more tokens on demand, too. */
    @Bean
    @ConditionalOnMissingBean
    public Provisioning cftokensProvisioning(
            Cloudflare cloudflare,
            StateStore stateStore,
            CftokensProperties properties,
            Environment environment,
            RecordingOutput output) {
        return new ProvisioningSetup(properties, environment)
                .provisioning(cloudflare, stateStore)
                .output(output);
    }

    /** Logs the run's lines and keeps the startup run's for {@code /actuator/cftokens}. */
    @Bean
    RecordingOutput cftokensOutput() {
        return new RecordingOutput();
    }

    /**
     * The startup run, through the {@link Provisioning} bean as it is: an application's own keeps its own
     * output (then the endpoint shows no lines of the run).
     */
    @Bean
    public ProvisionedTokens cftokensTokens(
            Provisioning provisioning,
            @Qualifier(TokenBeanRegistrar.DECLARATIONS_BEAN) SelectedDeclarations declarations,
            CftokensProperties properties,
            RecordingOutput output,
            ApplicationEventPublisher events) {
        ProvisionedTokens tokens = ProvisioningSetup.provision(
                provisioning,
                output,
                DeclarationSelection.provisioners(
                        declarations.declarations(),
                        declarations.tokens(),
                        properties.getInputs(),
                        recordedInputs(provisioning)));
        tokens.all()
                .forEach(token ->
                        token.onRotation(rotation -> events.publishEvent(new TokenRotatedEvent(tokens, rotation))));
        return tokens;
    }

    /**
     * Without the minting credential, the input values each declaration was applied with, by declaration
     * id: what a service served from the state uses for the inputs it is not given. None otherwise: a
     * provisioning start takes its inputs from its own settings only.
     */
    private static Map<String, Map<String, String>> recordedInputs(Provisioning provisioning) {
        if (provisioning.mode() != ProvisioningMode.CONSUME) {
            return Map.of();
        }
        Map<String, Map<String, String>> recorded = new LinkedHashMap<>();
        provisioning
                .status(List.of())
                .forEach(entry -> recorded.put(
                        entry.record().declarationId(), entry.record().inputs()));
        return recorded;
    }

    /** Provisions at startup even when the application initializes its beans lazily. */
    @Bean
    public static LazyInitializationExcludeFilter cftokensEagerProvisioning() {
        return LazyInitializationExcludeFilter.forBeanTypes(ProvisionedTokens.class);
    }
}
