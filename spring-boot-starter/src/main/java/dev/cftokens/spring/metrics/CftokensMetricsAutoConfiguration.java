package dev.cftokens.spring.metrics;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.spring.CftokensAutoConfiguration;
import dev.cftokens.spring.ProvisionedTokens;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** With Micrometer on the class path: the tokens' meters, bound to every registry the application has. */
@AutoConfiguration(after = CftokensAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(ProvisionedTokens.class)
public class CftokensMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    public CftokensMeters cftokensMeters(Provisioning provisioning, ProvisionedTokens tokens) {
        return new CftokensMeters(provisioning, tokens);
    }
}
