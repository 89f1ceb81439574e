package dev.cftokens.state.postgres;

import dev.cftokens.runtime.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The store's tables, created on first use and versioned like a schema-history table: a {@code meta} row
 * {@code schema_version} says which layout the tables have. A newer layout than this cftokens knows is
 * refused with a clear message; an older one is migrated here in place, step by step, in the transaction
 * that checks it.
 */
final class StateSchema {
    static final int VERSION = 4;

    /** The first layout: tokens without generations. */
    private static final int WITHOUT_GENERATIONS = 1;

    /** Generations and holders, without the input values of each record. */
    private static final int WITHOUT_INPUTS = 2;

    /** Values and the key check in the columns of their parts, which only the runtime now reads. */
    private static final int SEALED_IN_PARTS = 3;

    private static final String VERSION_ROW = "schema_version";

    private final TableNames tables;

    StateSchema(TableNames tables) {
        this.tables = tables;
    }

    /**
     * Creates the tables if they are missing and checks their version, under a transaction-scoped
     * advisory lock so instances starting together never race on {@code CREATE TABLE}.
     */
    void ensure(Connection connection, int initLockClass, int initLockObject, String where) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + initLockClass + ", " + initLockObject + ")");
            // Once the tables exist a run needs no CREATE privilege: PostgreSQL checks it even for IF NOT EXISTS.
            if (!exists(connection, tables.meta()) || !exists(connection, tables.locks())) {
                if (tables.schema() != null) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + tables.schema() + '"');
                }
                statement.execute("CREATE TABLE IF NOT EXISTS " + tables.meta()
                        + " (name text PRIMARY KEY, value text NOT NULL)");
                // Outside the versioned layout: a lock holder's row says who it is; nothing reads it as state.
                statement.execute("CREATE TABLE IF NOT EXISTS " + tables.locks() + " (lock_class integer NOT NULL,"
                        + " lock_object integer NOT NULL, pid integer NOT NULL, application_name text NOT NULL,"
                        + " since timestamptz NOT NULL, run text NOT NULL, server_started timestamptz NOT NULL,"
                        + " PRIMARY KEY (lock_class, lock_object))");
            }
            Optional<String> version = meta(connection, VERSION_ROW);
            int from = version.isEmpty() ? 0 : versionNumber(version.get());
            if (from > VERSION) {
                throw new StateException("the state tables " + tables.describe() + " in " + where
                        + " have schema version " + version.get() + ", but this cftokens knows version " + VERSION
                        + "; use the cftokens version that wrote them (or a newer one). Nothing was changed.");
            }
            if (from < VERSION) {
                migrate(statement, from);
                putMeta(connection, VERSION_ROW, Integer.toString(VERSION));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Each step from {@code from} (0: no tables yet) to {@link #VERSION}, in order. */
    private void migrate(Statement statement, int from) throws SQLException {
        if (from < WITHOUT_GENERATIONS) {
            createVersion1(statement);
        }
        if (from < WITHOUT_INPUTS) {
            addGenerations(statement);
        }
        if (from < SEALED_IN_PARTS) {
            addInputs(statement);
        }
        if (from < VERSION) {
            sealAsOne(statement);
            countGenerations(statement);
        }
    }

    /** A version this cftokens can upgrade from or knows; {@link #VERSION} + 1 for anything else. */
    private static int versionNumber(String stored) {
        try {
            int version = Integer.parseInt(stored);
            return version >= WITHOUT_GENERATIONS ? version : VERSION + 1;
        } catch (NumberFormatException e) {
            return VERSION + 1;
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, table);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void createVersion1(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE IF NOT EXISTS " + tables.tokens() + " ("
                + "declaration_id text PRIMARY KEY, token_id text NOT NULL, owner text NOT NULL, account_id text,"
                + " name text NOT NULL, spec_hash text NOT NULL, value_nonce bytea, value_ciphertext bytea,"
                + " updated_at timestamptz NOT NULL DEFAULT now())");
        statement.execute("CREATE TABLE IF NOT EXISTS " + tables.pendingCreates() + " ("
                + "declaration_id text PRIMARY KEY, owner text NOT NULL, account_id text, spec_hash text NOT NULL,"
                + " since timestamptz NOT NULL)");
        statement.execute("CREATE TABLE IF NOT EXISTS " + tables.encryption() + " ("
                + "id integer PRIMARY KEY CHECK (id = 1), key_derivation text NOT NULL, salt bytea NOT NULL,"
                + " iterations integer NOT NULL, check_nonce bytea NOT NULL, check_ciphertext bytea NOT NULL)");
    }

    /**
     * Version 2: a token's current generation has an issue time, and a rotated token keeps its previous
     * generation until that is deleted, which the live handles' holdings can put off. Rows of version 1
     * read as generations of unknown issue time.
     */
    private void addGenerations(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE " + tables.tokens() + " ADD COLUMN IF NOT EXISTS issued_at timestamptz,"
                + " ADD COLUMN IF NOT EXISTS previous_token_id text,"
                + " ADD COLUMN IF NOT EXISTS previous_retire_at timestamptz");
        statement.execute("CREATE TABLE IF NOT EXISTS " + tables.holders() + " (declaration_id text NOT NULL,"
                + " holder text NOT NULL, token_id text NOT NULL, until timestamptz NOT NULL,"
                + " PRIMARY KEY (declaration_id, holder))");
    }

    /** Version 3: a record keeps the input values its token was written with, for services that read it. */
    private void addInputs(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE " + tables.tokens() + " ADD COLUMN IF NOT EXISTS inputs text");
    }

    /**
     * Version 4: a value and the key check are each one opaque column, sealed and read by the runtime,
     * so this store no longer knows their parts. The parts of a version 3 row are joined here into the
     * layouts the runtime reads: a value as a layout byte, the 12-byte nonce and the ciphertext; the key
     * check as the JSON of a state file's {@code "encryption"} object.
     */
    private void sealAsOne(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE " + tables.tokens() + " ADD COLUMN IF NOT EXISTS value_sealed bytea");
        statement.execute("UPDATE " + tables.tokens() + " SET value_sealed = decode('01', 'hex') || value_nonce"
                + " || value_ciphertext WHERE value_nonce IS NOT NULL AND value_ciphertext IS NOT NULL");
        statement.execute("ALTER TABLE " + tables.tokens() + " DROP COLUMN value_nonce, DROP COLUMN value_ciphertext");
        statement.execute("ALTER TABLE " + tables.encryption() + " ADD COLUMN IF NOT EXISTS key_check bytea");
        statement.execute("UPDATE " + tables.encryption() + " SET key_check = convert_to(json_build_object("
                + "'kdf', key_derivation, 'iterations', iterations, 'salt', " + base64("salt")
                + ", 'cipher', 'AES/GCM/NoPadding', 'key_check', json_build_object('nonce', " + base64("check_nonce")
                + ", 'ciphertext', " + base64("check_ciphertext") + "))::text, 'UTF8')");
        statement.execute("ALTER TABLE " + tables.encryption() + " DROP COLUMN key_derivation, DROP COLUMN salt,"
                + " DROP COLUMN iterations, DROP COLUMN check_nonce, DROP COLUMN check_ciphertext,"
                + " ALTER COLUMN key_check SET NOT NULL");
    }

    /**
     * Also version 4: each record numbers its current generation (rows written before read as the first),
     * and a previous generation says whether it was revoked, so a revoke cut short is finished at once.
     */
    private void countGenerations(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE " + tables.tokens() + " ADD COLUMN IF NOT EXISTS generation bigint NOT NULL"
                + " DEFAULT 1, ADD COLUMN IF NOT EXISTS previous_revoked boolean NOT NULL DEFAULT false");
    }

    /** Base64 without the line breaks PostgreSQL puts every 76 characters. */
    private static String base64(String column) {
        return "translate(encode(" + column + ", 'base64'), E'\\n', '')";
    }

    /** The key check the first run with a key kept, if any. */
    Optional<byte[]> keyCheck(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT key_check FROM " + tables.encryption() + " WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
        }
    }

    /**
     * Keeps {@code keyCheck} unless another instance kept one first; returns the one that is kept (so
     * instances starting together end up with one salt).
     */
    byte[] keepKeyCheck(Connection connection, byte[] keyCheck) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + tables.encryption() + " (id, key_check) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setBytes(1, keyCheck);
            insert.executeUpdate();
        }
        return keyCheck(connection).orElseThrow();
    }

    private Optional<String> meta(Connection connection, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT value FROM " + tables.meta() + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    private void putMeta(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.meta()
                + " (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")) {
            upsert.setString(1, name);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }
}
