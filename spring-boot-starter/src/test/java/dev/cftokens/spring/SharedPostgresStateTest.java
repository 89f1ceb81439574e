package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.spring.app.TestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two instances of one service start at once and share their state in PostgreSQL, one through a JDBC URL
 * in {@code cftokens.state}, the other through its own DataSource ({@code cftokens.state=datasource}):
 * one token per declaration, the same in both, and its value works.
 */
class SharedPostgresStateTest {
    static final CloudflareEmulator EMULATOR = CloudflareEmulator.start();
    static final String KEY = StateKey.generate().toBase64();
    static EmbeddedPostgres database;

    /** Spring Boot's logging system configures Logback once per JVM, which two contexts starting at once race. */
    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    @BeforeAll
    static void startDatabase() throws Exception {
        System.setProperty(LOGGING_SYSTEM, "none");
        database = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(LOGGING_SYSTEM);
        EMULATOR.close();
        database.close();
    }

    /** The application's own pool, as spring-boot-starter-jdbc would make it. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationDataSource {
        @Bean
        DataSource dataSource() {
            return database.getPostgresDatabase();
        }
    }

    @Test
    void twoContextsStartingTogetherEndWithOneTokenPerDeclaration() {
        String url = "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres?user=postgres";
        CompletableFuture<ConfigurableApplicationContext> byUrl =
                CompletableFuture.supplyAsync(() -> start("cftokens.state=" + url));
        CompletableFuture<ConfigurableApplicationContext> byDataSource =
                CompletableFuture.supplyAsync(() -> start("cftokens.state=datasource"));
        try (ConfigurableApplicationContext first = byUrl.join();
                ConfigurableApplicationContext second = byDataSource.join()) {
            ProvisionedTokens one = first.getBean(ProvisionedTokens.class);
            ProvisionedTokens other = second.getBean(ProvisionedTokens.class);
            assertThat(EMULATOR.tokens()).hasSize(2);
            for (String id : List.of("readonly-token", "zone-token")) {
                assertThat(other.token(id).id()).isEqualTo(one.token(id).id());
                assertThat(other.token(id).value().reveal())
                        .isEqualTo(one.token(id).value().reveal());
                assertThat(Emulators.authenticates(EMULATOR, one.token(id))).isTrue();
            }
            assertThat(EMULATOR.tokens())
                    .extracting(EmulatedToken::id)
                    .containsExactlyInAnyOrder(
                            one.token("readonly-token").id(),
                            one.token("zone-token").id());
        }
    }

    private static ConfigurableApplicationContext start(String state) {
        return new SpringApplicationBuilder(TestApplication.class, ApplicationDataSource.class)
                .properties(
                        "cftokens.base-url=" + EMULATOR.baseUrl(),
                        "cftokens.api-token=" + EMULATOR.adminToken(),
                        "cftokens.account-id=" + EMULATOR.accountId(),
                        "cftokens.key=" + KEY,
                        "cftokens.inputs.zone-token.zone-id=" + Emulators.ZONE_ID,
                        state)
                .run();
    }
}
