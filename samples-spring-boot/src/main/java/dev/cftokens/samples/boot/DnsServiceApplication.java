package dev.cftokens.samples.boot;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service with {@code cftokens-spring-boot-starter}: its two declared tokens are provisioned
 * at startup from {@code CLOUDFLARE_API_TOKEN} (and {@code CLOUDFLARE_ACCOUNT_ID}), with the zone of
 * {@code ZONE_ID}, before {@link DnsService} is created. See {@code application.properties}.
 */
@SpringBootApplication
public class DnsServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(DnsServiceApplication.class, args);
    }

    @Bean
    CommandLineRunner printTokens(DnsService service) {
        return args -> System.out.println(service.describe());
    }
}
