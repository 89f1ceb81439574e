package dev.cftokens.spring.actuate;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.spring.CftokensAutoConfiguration;
import dev.cftokens.spring.CftokensProperties;
import dev.cftokens.spring.ProvisionedTokens;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator on the class path: the {@code cftokens} endpoint, the sanitizer and the {@code cftokens}
 * health indicator, on Spring Boot 3 and 4 alike. The endpoint and sanitizer API is the same in both; the
 * health API moved in Boot 4, so each generation has its own nested configuration, chosen by class name
 * (a nested configuration's conditions are read before its class is loaded).
 */
@AutoConfiguration(after = CftokensAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ProvisionedTokens.class)
public class CftokensActuatorAutoConfiguration {
    /** The bean name of the health indicator, which names the health component {@code cftokens}. */
    static final String HEALTH_INDICATOR = "cftokensHealthIndicator";

    @Bean
    @ConditionalOnAvailableEndpoint
    @ConditionalOnMissingBean
    public CftokensEndpoint cftokensEndpoint(ProvisionedTokens tokens) {
        return new CftokensEndpoint(tokens);
    }

    @Bean
    public SanitizingFunction cftokensSecretsSanitizer() {
        return new CftokensSecretsSanitizer();
    }

    /** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3Health {
        @Bean(HEALTH_INDICATOR)
        @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("cftokens")
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        CftokensHealthIndicator cftokensHealthIndicator(
                Provisioning provisioning, ProvisionedTokens tokens, CftokensProperties properties) {
            return new CftokensHealthIndicator(
                    provisioning.output(ProvisioningOutput.silent()),
                    tokens.provisioners(),
                    properties.getHealth().getInterval(),
                    Clock.systemUTC());
        }
    }

    /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4Health {
        @Bean(HEALTH_INDICATOR)
        @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("cftokens")
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR)
        CftokensBoot4HealthIndicator cftokensHealthIndicator(
                Provisioning provisioning, ProvisionedTokens tokens, CftokensProperties properties) {
            return new CftokensBoot4HealthIndicator(
                    provisioning.output(ProvisioningOutput.silent()),
                    tokens.provisioners(),
                    properties.getHealth().getInterval(),
                    Clock.systemUTC());
        }
    }
}
