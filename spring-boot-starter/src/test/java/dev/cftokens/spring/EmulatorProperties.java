package dev.cftokens.spring;

import dev.cftokens.emulator.CloudflareEmulator;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The {@code cftokens.*} properties that point an application at an emulator and a state file. */
final class EmulatorProperties {
    static final String ZONE_ID = "0123456789abcdef0123456789abcdef";

    private EmulatorProperties() {}

    static void register(DynamicPropertyRegistry registry, CloudflareEmulator emulator, Path state) {
        registry.add("cftokens.base-url", emulator::baseUrl);
        registry.add("cftokens.api-token", emulator::adminToken);
        registry.add("cftokens.account-id", emulator::accountId);
        registry.add("cftokens.state", state::toString);
        registry.add("cftokens.passphrase", () -> "correct horse battery staple");
    }

    /** The same, as {@code key=value} arguments for {@code SpringApplicationBuilder.properties}. */
    static String[] of(CloudflareEmulator emulator, Path state) {
        return new String[] {
            "cftokens.base-url=" + emulator.baseUrl(),
            "cftokens.api-token=" + emulator.adminToken(),
            "cftokens.account-id=" + emulator.accountId(),
            "cftokens.state=" + state,
            "cftokens.passphrase=correct horse battery staple"
        };
    }
}
