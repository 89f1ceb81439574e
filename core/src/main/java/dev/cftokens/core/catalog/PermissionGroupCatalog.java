package dev.cftokens.core.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Cloudflare's permission groups, looked up by id or by name and scope. Immutable and safe to share.
 *
 * <p>The bundled catalog is a snapshot of the real API; {@link #read(Path)} loads a fresher one in any
 * of the shapes Cloudflare or cftokens write: {@code {"groups": [...]}} (this project's file), a bare
 * array, or the API's own answer {@code {"result": [...]}}, each entry {@code {id, name, scopes}}.
 */
public final class PermissionGroupCatalog {
    static final String BUNDLED_RESOURCE = "permission-groups.json";

    private final String source;
    private final List<PermissionGroup> groups;
    private final Map<String, PermissionGroup> byId;
    private final Map<String, List<PermissionGroup>> byName;

    private PermissionGroupCatalog(String source, Collection<PermissionGroup> groups) {
        this.source = source;
        List<PermissionGroup> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing(PermissionGroup::name).thenComparing(PermissionGroup::id));
        this.groups = List.copyOf(sorted);
        Map<String, PermissionGroup> ids = new LinkedHashMap<>();
        Map<String, List<PermissionGroup>> names = new LinkedHashMap<>();
        for (PermissionGroup group : this.groups) {
            PermissionGroup previous = ids.putIfAbsent(group.id(), group);
            if (previous != null) {
                throw new CatalogFormatException(source + ": permission group id " + group.id() + " appears twice (\""
                        + previous.name() + "\" and \"" + group.name() + "\"); ids must be unique");
            }
            names.computeIfAbsent(group.name(), name -> new ArrayList<>(2)).add(group);
        }
        names.replaceAll((name, list) -> List.copyOf(list));
        this.byId = Collections.unmodifiableMap(ids);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** {@return the snapshot shipped inside cftokens, read once per class loader} */
    public static PermissionGroupCatalog bundled() {
        return Bundled.CATALOG;
    }

    /**
     * {@return a catalog of exactly these groups; {@code source} names them in error messages}
     *
     * @param source where the groups came from, for messages
     * @param groups the groups, in any order
     * @throws CatalogFormatException when two groups share an id
     */
    public static PermissionGroupCatalog of(String source, Collection<PermissionGroup> groups) {
        return new PermissionGroupCatalog(requireNonNull(source, "source"), groups);
    }

    /**
     * Reads a catalog file; a missing or malformed file is a {@link CatalogFormatException} naming it.
     *
     * @param path the file, in one of the shapes {@link #fromJson} accepts
     * @return the catalog
     */
    public static PermissionGroupCatalog read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new CatalogFormatException(path + ": no such permission-group catalog file");
        } catch (IOException e) {
            throw new CatalogFormatException(path + ": cannot read permission-group catalog: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a catalog from JSON; {@code source} names it in error messages.
     *
     * @param in the JSON text; not closed here
     * @param source where it came from, for messages
     * @return the catalog
     * @throws CatalogFormatException when it is not valid JSON or not a catalog
     */
    public static PermissionGroupCatalog read(InputStream in, String source) {
        JsonNode root;
        try {
            root = JsonTrees.read(in.readAllBytes());
        } catch (JsonProcessingException e) {
            throw new CatalogFormatException(
                    source + ": not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new CatalogFormatException(source + ": cannot read permission-group catalog: " + e.getMessage(), e);
        }
        return fromJson(root, source);
    }

    /**
     * Builds a catalog from an already parsed JSON document of one of the accepted shapes.
     * The shapes: {@code {"groups": [...]}}, a bare array, or the API's answer {@code {"result": [...]}}, each
     * entry {@code {id, name, scopes}}.
     *
     * @param root the parsed document
     * @param source where it came from, for messages
     * @return the catalog
     * @throws CatalogFormatException when the document is none of those shapes, or an entry lacks a field
     */
    public static PermissionGroupCatalog fromJson(JsonNode root, String source) {
        JsonNode entries = null;
        if (root != null && root.isArray()) {
            entries = root;
        } else if (root != null && root.isObject()) {
            entries = root.has("groups") ? root.get("groups") : root.get("result");
        }
        if (entries == null || !entries.isArray()) {
            throw new CatalogFormatException(
                    source + ": expected a permission-group catalog: {\"groups\": [...]}, a JSON array, "
                            + "or the API answer {\"result\": [...]}");
        }
        List<PermissionGroup> groups = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            groups.add(parseGroup(entries.get(i), source, i));
        }
        return new PermissionGroupCatalog(source, groups);
    }

    private static PermissionGroup parseGroup(JsonNode entry, String source, int index) {
        String where = source + ": entry " + index;
        if (!entry.isObject()) {
            throw new CatalogFormatException(where + " is not an object {id, name, scopes}");
        }
        String id = text(entry, "id", where);
        String name = text(entry, "name", where + " (id " + id + ")");
        JsonNode scopeNodes = entry.get("scopes");
        if (scopeNodes == null || !scopeNodes.isArray()) {
            throw new CatalogFormatException(where + " (\"" + name + "\") has no \"scopes\" array");
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (JsonNode scope : scopeNodes) {
            // Scopes this version does not know are dropped: such a group can never match a resource key,
            // which is the strict outcome, while the rest of a fresh catalog stays usable.
            Scope.fromKey(scope.asText()).ifPresent(scopes::add);
        }
        return new PermissionGroup(id, name, scopes);
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CatalogFormatException(where + " has no \"" + field + "\" string");
        }
        return value.asText();
    }

    /** {@return where this catalog came from: a file path, a resource, or "live permission groups"} */
    public String source() {
        return source;
    }

    /** {@return every group, sorted by name then id} */
    public List<PermissionGroup> groups() {
        return groups;
    }

    /** {@return the number of groups} */
    public int size() {
        return groups.size();
    }

    /**
     * {@return the group with this id, if the catalog has it}
     *
     * @param id Cloudflare's 32-hex id
     */
    public Optional<PermissionGroup> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * {@return every group with exactly this name, one per scope for the few names Cloudflare reuses}
     *
     * @param name the exact name, such as {@code Zone Read}
     */
    public List<PermissionGroup> byName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /**
     * {@return the group with this exact name that applies to {@code scope}}
     *
     * @param name the exact name, such as {@code Zone Read}
     * @param scope the kind of resource it must apply to
     */
    public Optional<PermissionGroup> byNameAndScope(String name, Scope scope) {
        for (PermissionGroup group : byName(name)) {
            if (group.hasScope(scope)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /** {@return every distinct group name, sorted} */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /** {@return this catalog in the shape {@link #read} accepts ({@code {"groups": [...]}}), for writing to a file} */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("source", source);
        root.put("count", groups.size());
        ArrayNode array = root.putArray("groups");
        for (PermissionGroup group : groups) {
            ObjectNode node = array.addObject();
            node.put("id", group.id());
            node.put("name", group.name());
            ArrayNode scopes = node.putArray("scopes");
            group.scopes().stream().sorted().forEach(scope -> scopes.add(scope.key()));
        }
        return JsonTrees.writeIndented(root);
    }

    @Override
    public String toString() {
        return "PermissionGroupCatalog{" + source + ", " + groups.size() + " groups}";
    }

    private static final class Bundled {
        static final PermissionGroupCatalog CATALOG = load();

        private static PermissionGroupCatalog load() {
            try (InputStream in = PermissionGroupCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("cftokens-core is missing its resource " + BUNDLED_RESOURCE);
                }
                return read(in, "bundled permission-groups.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
