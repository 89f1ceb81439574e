package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import org.junit.jupiter.api.Test;

class AbstractTokenProvisionerTest {
    interface ZoneToken {}

    private static final String JSON = """
      {
        "id": "zone-token",
        "name": "Zone Token",
        "owner": "account",
        "policies": [
          {
            "effect": "deny",
            "permissionGroups": [
              {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": "Zone Read"}
            ],
            "resources": ["com.cloudflare.api.account.zone.{zoneId}", "com.cloudflare.api.account.zone.{other}"]
          }
        ],
        "inputs": ["zoneId", "other"]
      }
      """;

    /** Shaped like a generated provisioner. */
    static final class ZoneTokenProvisioner extends AbstractTokenProvisioner<ZoneToken> {
        ZoneTokenProvisioner(String json, String... inputValues) {
            super(ZoneToken.class, json, inputValues);
        }
    }

    @Test
    void holdsTheParsedDeclarationAndTheInputsByNameInOrder() {
        ZoneTokenProvisioner provisioner = new ZoneTokenProvisioner(JSON, "zone-a", "zone-b");

        assertThat(provisioner.tokenType()).isEqualTo(ZoneToken.class);
        TokenDeclaration declaration = provisioner.declaration();
        assertThat(declaration.id()).isEqualTo("zone-token");
        assertThat(declaration.owner()).isEqualTo(TokenOwner.ACCOUNT);
        assertThat(declaration.policies().get(0).effect()).isEqualTo(PolicyEffect.DENY);
        assertThat(provisioner.inputs()).containsExactly(entry("zoneId", "zone-a"), entry("other", "zone-b"));
        assertThatThrownBy(() -> provisioner.inputs().put("zoneId", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(provisioner)
                .hasToString("ZoneTokenProvisioner[id=zone-token, inputs={zoneId=zone-a, other=zone-b}]");
    }

    @Test
    void aNullInputIsNamed() {
        assertThatThrownBy(() -> new ZoneTokenProvisioner(JSON, "zone-a", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("the input other of token zone-token is null");
    }

    @Test
    void valuesThatDoNotMatchTheInputsAreRefused() {
        assertThatThrownBy(() -> new ZoneTokenProvisioner(JSON, "zone-a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token zone-token has the inputs [zoneId, other], but 1 value was given; regenerate "
                        + ZoneTokenProvisioner.class.getName());
    }

    @Test
    void aDeclarationFromAnotherVersionSaysSo() {
        assertThatThrownBy(() -> new ZoneTokenProvisioner(
                        JSON.replace("\"inputs\"", "\"audience\": [],\n  \"inputs\""), "a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        ZoneTokenProvisioner.class.getName() + " carries a declaration this runtime cannot read")
                .hasMessageContaining("\"audience\"");
        assertThatThrownBy(() -> new ZoneTokenProvisioner(JSON.replace("\"owner\": \"account\",\n", ""), "a", "b"))
                .hasMessageContaining("\"owner\" must be a string")
                .hasMessageEndingWith(
                        "regenerate it with the cftokens-processor of the same version as cftokens-runtime");
    }

    @Test
    void provisionNeedsACloudflare() {
        assertThatThrownBy(() -> new ZoneTokenProvisioner(JSON, "a", "b").provision(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("cloudflare");
    }
}
