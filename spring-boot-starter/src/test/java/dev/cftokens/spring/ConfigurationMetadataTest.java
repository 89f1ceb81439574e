package dev.cftokens.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code cftokens.*} from: every documented property, each described. */
class ConfigurationMetadataTest {
    @Test
    void everyPropertyIsDescribed() throws Exception {
        JsonNode metadata;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            if (name.startsWith("cftokens.")) {
                names.add(name);
                assertThat(property.path("description").asText()).as(name).isNotBlank();
            }
        }
        assertThat(names)
                .contains(
                        "cftokens.enabled",
                        "cftokens.api-token",
                        "cftokens.account-id",
                        "cftokens.base-url",
                        "cftokens.state",
                        "cftokens.key",
                        "cftokens.passphrase",
                        "cftokens.parallelism",
                        "cftokens.wait-timeout",
                        "cftokens.adopt",
                        "cftokens.roll-adopted",
                        "cftokens.declarations",
                        "cftokens.inputs",
                        "cftokens.health.interval");
    }
}
