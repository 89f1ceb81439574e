package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.model.TokenDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProvisionerClassFileTest {
    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheDeclarationAProvisionerPassesToItsSuperclass() throws IOException {
        String name = ZoneTokenProvisioner.class.getName();

        String json = ProvisionerClassFile.declarationJson(classFile(ZoneTokenProvisioner.class), name)
                .orElseThrow();

        assertThat(TokenDeclaration.fromJson(json))
                .isEqualTo(ZoneTokenProvisioner.create("zone").declaration());
    }

    @Test
    void anythingElseGivesNothing() throws IOException {
        byte[] provisioner = classFile(ZoneTokenProvisioner.class);
        String name = ZoneTokenProvisioner.class.getName();

        // Another class's name, a class with another superclass, a cut file, and no class file at all.
        assertThat(ProvisionerClassFile.declarationJson(provisioner, "com.acme.OtherProvisioner"))
                .isEmpty();
        assertThat(ProvisionerClassFile.declarationJson(
                        classFile(ProvisionerClassFileTest.class), ProvisionerClassFileTest.class.getName()))
                .isEmpty();
        assertThat(ProvisionerClassFile.declarationJson(Arrays.copyOf(provisioner, 100), name))
                .isEmpty();
        assertThat(ProvisionerClassFile.declarationJson("{\"id\": \"x\"}".getBytes(), name))
                .isEmpty();
    }
}
