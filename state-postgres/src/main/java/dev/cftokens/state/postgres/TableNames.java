package dev.cftokens.state.postgres;

import java.util.regex.Pattern;

/**
 * The qualified, quoted names of the store's tables: an optional schema and a prefix, both plain SQL
 * identifiers, so nothing a user configures is ever spliced into SQL unchecked.
 */
final class TableNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final String schema;
    private final String prefix;

    TableNames(String schema, String prefix) {
        this.schema = schema == null ? null : check(schema, "schema", false);
        this.prefix = check(prefix, "table prefix", true);
    }

    private static String check(String name, String what, boolean mayBeEmpty) {
        if ((mayBeEmpty && name.isEmpty()) || IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        throw new IllegalArgumentException("the " + what + " \"" + name + "\" is not a plain lower-case SQL"
                + " identifier; use letters a-z, digits and _, starting with a letter or _ (such as \"cftokens_\")");
    }

    String schema() {
        return schema;
    }

    String meta() {
        return qualified("meta");
    }

    String tokens() {
        return qualified("tokens");
    }

    String encryption() {
        return qualified("encryption");
    }

    String pendingCreates() {
        return qualified("pending_creates");
    }

    /** Which live handle holds which token, until when: what keeps a previous generation from its delete. */
    String holders() {
        return qualified("holders");
    }

    /** Who holds which of the store's locks, since when: for messages, and to see a pooler share a session. */
    String locks() {
        return qualified("locks");
    }

    /** What the tables are called, for messages: {@code app.cftokens_*}. */
    String describe() {
        return (schema == null ? "" : schema + ".") + prefix + "*";
    }

    /** The part of every advisory lock key that tells this state's locks from other states' in the database. */
    String lockNamespace(String currentSchema) {
        return (schema == null ? currentSchema : schema) + "." + prefix;
    }

    private String qualified(String table) {
        String name = '"' + prefix + table + '"';
        return schema == null ? name : '"' + schema + "\"." + name;
    }
}
