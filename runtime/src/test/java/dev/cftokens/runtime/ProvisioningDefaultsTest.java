package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.runtime.state.FileStateStore;
import org.junit.jupiter.api.Test;

class ProvisioningDefaultsTest {
  @Test
  void oneProvisioningKeepsOneDefaultStateStore() {
    Cloudflare cloudflare = Cloudflare.builder().baseUrl("http://127.0.0.1:9/client/v4")
        .accountId("0123456789abcdef0123456789abcdef").apiToken("unused").build();
    Provisioning provisioning = Provisioning.with(cloudflare);
    // The same store for every run, so its derived key is derived once.
    assertThat(provisioning.effectiveStateStore()).isInstanceOf(FileStateStore.class)
        .isSameAs(provisioning.effectiveStateStore());
  }
}
