package dev.cftokens.spring.actuate;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.spring.CftokensAutoConfiguration;
import dev.cftokens.spring.CftokensProperties;
import dev.cftokens.spring.ProvisionedTokens;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** With Actuator on the class path: the {@code cftokens} health indicator and endpoint. */
@AutoConfiguration(after = CftokensAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ProvisionedTokens.class)
public class CftokensActuatorAutoConfiguration {
    @Bean
    @ConditionalOnEnabledHealthIndicator("cftokens")
    @ConditionalOnMissingBean(name = "cftokensHealthIndicator")
    public CftokensHealthIndicator cftokensHealthIndicator(
            Provisioning provisioning, ProvisionedTokens tokens, CftokensProperties properties) {
        return new CftokensHealthIndicator(
                provisioning.output(ProvisioningOutput.silent()),
                tokens.provisioners(),
                properties.getHealth().getInterval(),
                Clock.systemUTC());
    }

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
}
