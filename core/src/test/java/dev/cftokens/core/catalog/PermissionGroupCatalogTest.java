package dev.cftokens.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionGroupCatalogTest {
    private final PermissionGroupCatalog catalog = PermissionGroupCatalog.bundled();

    @Test
    void bundledSnapshotHasEveryGroup() {
        assertThat(catalog.size()).isEqualTo(311);
        assertThat(catalog.names()).hasSize(304);
        assertThat(catalog.groups())
                .allSatisfy(group -> assertThat(group.scopes()).hasSize(1));
    }

    @Test
    void bundledIsLoadedOnce() {
        assertThat(PermissionGroupCatalog.bundled()).isSameAs(catalog);
    }

    @Test
    void looksUpById() {
        PermissionGroup group = catalog.byId("c8fed203ed3043cba015a93ad1616f1f").orElseThrow();
        assertThat(group.name()).isEqualTo("Zone Read");
        assertThat(group.scopes()).containsExactly(Scope.ZONE);
        assertThat(catalog.byId("00000000000000000000000000000000")).isEmpty();
    }

    @Test
    void namesSharedByTwoScopesResolveByScope() {
        List<PermissionGroup> logsRead = catalog.byName("Logs Read");
        assertThat(logsRead).hasSize(2);
        PermissionGroup account =
                catalog.byNameAndScope("Logs Read", Scope.ACCOUNT).orElseThrow();
        PermissionGroup zone = catalog.byNameAndScope("Logs Read", Scope.ZONE).orElseThrow();
        assertThat(account.id()).isNotEqualTo(zone.id());
        assertThat(catalog.byNameAndScope("Logs Read", Scope.USER)).isEmpty();
    }

    @Test
    void unknownNameHasNoGroups() {
        assertThat(catalog.byName("Worker Routes Edit")).isEmpty();
        assertThat(catalog.byName("zone read")).isEmpty();
    }

    @Test
    void everyScopeIsRepresented() {
        for (Scope scope : Scope.values()) {
            assertThat(catalog.groups())
                    .anySatisfy(group -> assertThat(group.hasScope(scope)).isTrue());
        }
        assertThat(catalog.byNameAndScope("Workers Routes Write", Scope.ZONE)).isPresent();
    }

    @Test
    void readsBareArray() {
        PermissionGroupCatalog read =
                read("[{\"id\":\"a1\",\"name\":\"Zone Read\",\"scopes\":[\"com.cloudflare.api.account.zone\"]}]");
        assertThat(read.byNameAndScope("Zone Read", Scope.ZONE).orElseThrow().id())
                .isEqualTo("a1");
    }

    @Test
    void readsApiAnswerIgnoringExtraFields() {
        PermissionGroupCatalog read =
                read("{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"b2\",\"name\":\"Account Settings Read\","
                        + "\"scopes\":[\"com.cloudflare.api.account\"],\"category\":\"x\",\"is_selectable\":true}]}");
        assertThat(read.byId("b2").orElseThrow().scopes()).containsExactly(Scope.ACCOUNT);
    }

    @Test
    void unknownScopesAreDropped() {
        PermissionGroupCatalog read =
                read("{\"groups\":[{\"id\":\"c3\",\"name\":\"New Thing\",\"scopes\":[\"com.cloudflare.api.new\"]}]}");
        assertThat(read.byId("c3").orElseThrow().scopes()).isEmpty();
    }

    @Test
    void rejectsOtherShapesNamingTheSource() {
        assertThatThrownBy(() -> read("{\"items\":[]}"))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("{\"groups\": [...]}");
    }

    @Test
    void rejectsEntryWithoutIdNamingTheEntry() {
        assertThatThrownBy(() -> read("[{\"name\":\"Zone Read\",\"scopes\":[]}]"))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessage("test.json: entry 0 has no \"id\" string");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThatThrownBy(() -> read(
                        "[{\"id\":\"a\",\"name\":\"X\",\"scopes\":[]},{\"id\":\"a\",\"name\":\"Y\",\"scopes\":[]}]"))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageContaining("id a appears twice");
    }

    @Test
    void rejectsMalformedJsonWithPosition() {
        assertThatThrownBy(() -> read("{\"groups\": [ {\"id\": "))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessageStartingWith("test.json: not valid JSON (line 1");
    }

    @Test
    void missingFileIsOneClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> PermissionGroupCatalog.read(missing))
                .isInstanceOf(CatalogFormatException.class)
                .hasMessage(missing + ": no such permission-group catalog file");
    }

    @Test
    void writtenJsonReadsBackEqual(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, catalog.toJson());
        PermissionGroupCatalog again = PermissionGroupCatalog.read(file);
        assertThat(again.groups()).isEqualTo(catalog.groups());
    }

    @Test
    void groupsAreImmutable() {
        PermissionGroup group = new PermissionGroup("x", "X", Set.of(Scope.ZONE));
        assertThatThrownBy(() -> group.scopes().add(Scope.USER)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.groups().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static PermissionGroupCatalog read(String json) {
        return PermissionGroupCatalog.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
