package dev.cftokens.spring;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An application pointed at an emulator and a state file, and the checks of what it then holds. */
final class Emulators {
    static final String ZONE_ID = "0123456789abcdef0123456789abcdef";

    private Emulators() {}

    static void register(DynamicPropertyRegistry registry, CloudflareEmulator emulator, Path state) {
        registry.add("cftokens.base-url", emulator::baseUrl);
        registry.add("cftokens.api-token", emulator::adminToken);
        registry.add("cftokens.account-id", emulator::accountId);
        registry.add("cftokens.state", state::toString);
        registry.add("cftokens.passphrase", () -> "correct horse battery staple");
    }

    /** The same, as {@code key=value} arguments for {@code SpringApplicationBuilder.properties}. */
    /** True when {@code token}'s value authenticates as that token with {@code emulator}. */
    static boolean authenticates(CloudflareEmulator emulator, ProvisionedToken<?> token) {
        Cloudflare client = Cloudflare.builder()
                .baseUrl(emulator.baseUrl())
                .accountId(emulator.accountId())
                .apiToken(token.value())
                .build();
        return client.tokens(TokenOwner.ACCOUNT).verify().id().equals(token.id());
    }

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
