package dev.cftokens.state.postgres;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.state.Holding;
import dev.cftokens.runtime.state.PendingCreate;
import dev.cftokens.runtime.state.PreviousGeneration;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateRows;
import dev.cftokens.runtime.state.StoredToken;
import dev.cftokens.runtime.state.TokenRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows of one locked run against the PostgreSQL state, on one connection that holds the run's advisory locks.
 * The state is read once the locks are held; each change is one transaction, committed before the call
 * returns, so a process killed the next instant loses nothing it was told about, and a transaction cut
 * mid-way is rolled back whole by the server. A change whose connection broke (a restart, a failover) is
 * made again on a new connection once the run holds its locks again and finds its rows as it left them.
 * Thread-safe: calls share the connection one at a time.
 */
final class PostgresRows implements StateRows {
    private final LockedConnection link;
    private final TableNames tables;
    private final StateSchema schema;
    private final Set<String> scope;
    private final String where;
    private final Map<String, StoredToken> entries = new LinkedHashMap<>();
    private final Map<String, PendingCreate> pending = new LinkedHashMap<>();
    private byte[] keyCheck;
    private boolean closed;

    private PostgresRows(LockedConnection link, TableNames tables, Set<String> scope, String where) {
        this.link = link;
        this.tables = tables;
        this.schema = new StateSchema(tables);
        this.scope = scope;
        this.where = where;
    }

    /**
     * Reads the state through {@code link}, whose locks are held.
     *
     * @param scope the declarations this run may change, or null for all
     */
    static PostgresRows load(LockedConnection link, TableNames tables, Set<String> scope, String where)
            throws SQLException {
        PostgresRows rows = new PostgresRows(link, tables, scope, where);
        rows.read(rows.entries, rows.pending);
        rows.keyCheck = rows.schema.keyCheck(link.connection()).orElse(null);
        return rows;
    }

    private void read(Map<String, StoredToken> entries, Map<String, PendingCreate> pending) throws SQLException {
        Connection connection = link.connection();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT declaration_id, token_id, owner, account_id, name, spec_hash, value_sealed,"
                                + " issued_at, previous_token_id, previous_retire_at, inputs, generation,"
                                + " previous_revoked FROM "
                                + tables.tokens() + " ORDER BY declaration_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                TokenRecord record = new TokenRecord(
                        rows.getString(1),
                        rows.getString(2),
                        owner(rows.getString(3)),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        instant(rows.getObject(8, OffsetDateTime.class)),
                        previous(rows.getString(9), rows.getObject(10, OffsetDateTime.class), rows.getBoolean(13)),
                        StoredInputs.read(rows.getString(11)),
                        rows.getLong(12));
                entries.put(record.declarationId(), new StoredToken(record, rows.getBytes(7)));
            }
        }
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT declaration_id, owner, account_id, spec_hash, since FROM "
                                + tables.pendingCreates() + " ORDER BY declaration_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                PendingCreate create = new PendingCreate(
                        rows.getString(1),
                        owner(rows.getString(2)),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getObject(5, OffsetDateTime.class).toInstant());
                pending.put(create.declarationId(), create);
            }
        }
    }

    @Override
    public synchronized Collection<StoredToken> tokens() {
        return List.copyOf(entries.values());
    }

    @Override
    public synchronized Optional<StoredToken> token(String declarationId) {
        return Optional.ofNullable(entries.get(declarationId));
    }

    @Override
    public synchronized Optional<byte[]> keyCheck() {
        return Optional.ofNullable(keyCheck).map(byte[]::clone);
    }

    @Override
    public synchronized byte[] keepKeyCheck(byte[] proposed) {
        if (keyCheck == null && scope != null && scope.isEmpty()) {
            // A run that only reads seals nothing, so it needs no key check kept: a consumer's role that
            // may not write the state reads an empty one as empty.
            return proposed.clone();
        }
        if (keyCheck == null) {
            try {
                try {
                    keyCheck = schema.keepKeyCheck(link.connection(), proposed);
                } catch (SQLException e) {
                    if (!TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    // Idempotent: on a new connection holding the same locks, keep it (or read the one kept).
                    link.reconnect();
                    keyCheck = schema.keepKeyCheck(link.connection(), proposed);
                }
            } catch (SQLException e) {
                throw new StateException("cannot keep the key check in " + where + ": " + e.getMessage(), e);
            }
        }
        return keyCheck.clone();
    }

    @Override
    public synchronized void write(StoredToken token) {
        requireNonNull(token, "token");
        TokenRecord record = token.record();
        byte[] value = token.sealedValue();
        String id = record.declarationId();
        inTransaction(id, "record the token of", () -> {
            try (PreparedStatement upsert = link.connection()
                    .prepareStatement("INSERT INTO " + tables.tokens()
                            + " (declaration_id, token_id, owner, account_id, name, spec_hash, value_sealed,"
                            + " issued_at, previous_token_id, previous_retire_at, inputs, generation, previous_revoked,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
                            + " ON CONFLICT (declaration_id) DO UPDATE SET"
                            + " token_id = EXCLUDED.token_id, owner = EXCLUDED.owner, account_id = EXCLUDED.account_id,"
                            + " name = EXCLUDED.name, spec_hash = EXCLUDED.spec_hash, value_sealed = EXCLUDED.value_sealed,"
                            + " issued_at = EXCLUDED.issued_at,"
                            + " previous_token_id = EXCLUDED.previous_token_id,"
                            + " previous_retire_at = EXCLUDED.previous_retire_at, inputs = EXCLUDED.inputs,"
                            + " generation = EXCLUDED.generation, previous_revoked = EXCLUDED.previous_revoked,"
                            + " updated_at = now()")) {
                upsert.setString(1, id);
                upsert.setString(2, record.tokenId());
                upsert.setString(3, record.owner().name().toLowerCase(Locale.ROOT));
                upsert.setString(4, record.accountId());
                upsert.setString(5, record.name());
                upsert.setString(6, record.specHash());
                upsert.setBytes(7, value);
                upsert.setObject(8, timestamp(record.issuedAt()));
                upsert.setString(
                        9, record.previous() == null ? null : record.previous().tokenId());
                upsert.setObject(
                        10,
                        record.previous() == null
                                ? null
                                : timestamp(record.previous().retireAt()));
                upsert.setString(11, StoredInputs.write(record.inputs()));
                upsert.setLong(12, record.generation());
                upsert.setBoolean(
                        13, record.previous() != null && record.previous().revoked());
                upsert.executeUpdate();
            }
            delete(tables.pendingCreates(), id);
        });
        entries.put(id, token);
        pending.remove(id);
    }

    @Override
    public synchronized void delete(String declarationId) {
        if (entries.containsKey(declarationId)) {
            inTransaction(declarationId, "forget the token of", () -> delete(tables.tokens(), declarationId));
            entries.remove(declarationId);
        }
    }

    /**
     * Outside the run's scope and its transactions: a holding says who is alive, it is no part of the state,
     * so a session that only reads writes it too. The holder's lapsed holdings of the declaration go with it.
     */
    @Override
    public synchronized void hold(Holding holding) {
        requireNonNull(holding, "holding");
        if (closed) {
            throw new IllegalStateException("this state session of " + where + " was closed");
        }
        try (PreparedStatement upsert = link.connection()
                        .prepareStatement("INSERT INTO " + tables.holders()
                                + " (declaration_id, holder, token_id, until) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (declaration_id, holder) DO UPDATE SET token_id = EXCLUDED.token_id,"
                                + " until = EXCLUDED.until");
                PreparedStatement lapsed = link.connection()
                        .prepareStatement(
                                "DELETE FROM " + tables.holders() + " WHERE declaration_id = ? AND until < ?")) {
            upsert.setString(1, holding.declarationId());
            upsert.setString(2, holding.holder());
            upsert.setString(3, holding.tokenId());
            upsert.setObject(4, timestamp(holding.until()));
            upsert.executeUpdate();
            lapsed.setString(1, holding.declarationId());
            lapsed.setObject(2, timestamp(holding.until().minus(Duration.ofDays(1))));
            lapsed.executeUpdate();
        } catch (SQLException e) {
            throw new StateException(
                    "cannot note that " + holding.holder() + " holds the token of " + holding.declarationId() + " in "
                            + where + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized Collection<Holding> holdings(String declarationId) {
        try (PreparedStatement select = link.connection()
                .prepareStatement(
                        "SELECT holder, token_id, until FROM " + tables.holders() + " WHERE declaration_id = ?")) {
            select.setString(1, declarationId);
            List<Holding> holdings = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holdings.add(new Holding(
                            declarationId,
                            rows.getString(1),
                            rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            return holdings;
        } catch (SQLException e) {
            throw new StateException(
                    "cannot read who holds the token of " + declarationId + " in " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Collection<PendingCreate> pendingCreates() {
        return List.copyOf(pending.values());
    }

    @Override
    public synchronized void putPendingCreate(PendingCreate create) {
        requireNonNull(create, "create");
        String id = create.declarationId();
        inTransaction(id, "note the create of", () -> {
            try (PreparedStatement upsert = link.connection()
                    .prepareStatement(
                            "INSERT INTO " + tables.pendingCreates()
                                    + " (declaration_id, owner, account_id, spec_hash, since) VALUES (?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (declaration_id) DO UPDATE SET owner = EXCLUDED.owner,"
                                    + " account_id = EXCLUDED.account_id, spec_hash = EXCLUDED.spec_hash, since = EXCLUDED.since")) {
                upsert.setString(1, id);
                upsert.setString(2, create.owner().name().toLowerCase(Locale.ROOT));
                upsert.setString(3, create.accountId());
                upsert.setString(4, create.specHash());
                upsert.setObject(5, OffsetDateTime.ofInstant(create.since(), ZoneOffset.UTC));
                upsert.executeUpdate();
            }
        });
        pending.put(id, create);
    }

    @Override
    public synchronized void removePendingCreate(String declarationId) {
        if (pending.containsKey(declarationId)) {
            inTransaction(
                    declarationId, "drop the pending create of", () -> delete(tables.pendingCreates(), declarationId));
            pending.remove(declarationId);
        }
    }

    private void delete(String table, String declarationId) throws SQLException {
        try (PreparedStatement delete =
                link.connection().prepareStatement("DELETE FROM " + table + " WHERE declaration_id = ?")) {
            delete.setString(1, declarationId);
            delete.executeUpdate();
        }
    }

    /** A change to the database. */
    private interface Change {
        void run() throws SQLException;
    }

    /**
     * Runs {@code change} to {@code declarationId}'s rows in one transaction; the caller holds the monitor.
     * {@code what} says what it does, for the message: "record the token of".
     */
    private void inTransaction(String declarationId, String what, Change change) {
        if (closed) {
            throw new IllegalStateException("this state session of " + where + " was closed");
        }
        if (scope != null && !scope.contains(declarationId)) {
            String locked =
                    scope.isEmpty() ? "this run only reads " + where : "this run locked only " + scope + " in " + where;
            throw new IllegalStateException(locked + ", so it cannot " + what + " " + declarationId);
        }
        try {
            try {
                commit(change);
            } catch (SQLException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                // The server rolled the cut transaction back whole; make it again once nothing else moved.
                link.reconnect();
                checkUnchanged(declarationId, what);
                commit(change);
            }
        } catch (SQLException e) {
            throw new StateException(
                    "cannot " + what + " " + declarationId + " in " + where + ": " + e.getMessage(), e);
        }
    }

    private void commit(Change change) throws SQLException {
        Connection connection = link.connection();
        connection.setAutoCommit(false);
        try {
            link.checkHeld();
            change.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed); // a broken connection: the server rolls back on its own
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // As above: the connection is gone, and the next attempt takes a new one.
            }
        }
    }

    /**
     * After the locks were lost and taken again: fails unless this run's rows are as it last saw them, since
     * another run may have held the locks in between.
     */
    private void checkUnchanged(String declarationId, String what) throws SQLException {
        Map<String, StoredToken> nowEntries = new LinkedHashMap<>();
        Map<String, PendingCreate> nowPending = new LinkedHashMap<>();
        read(nowEntries, nowPending);
        Set<String> ids = new TreeSet<>();
        if (scope == null) {
            ids.addAll(entries.keySet());
            ids.addAll(nowEntries.keySet());
            ids.addAll(pending.keySet());
            ids.addAll(nowPending.keySet());
        } else {
            ids.addAll(scope);
        }
        for (String id : ids) {
            StoredToken mine = entries.get(id);
            boolean sameEntry = Objects.equals(mine, nowEntries.get(id));
            if (!sameEntry || !samePending(pending.get(id), nowPending.get(id))) {
                throw new StateException("the connection to " + where + " broke while this run held its lock, and"
                        + " another run changed " + id + " before this one held the lock again; this run did not "
                        + what + " " + declarationId + ". Start it again: it reads what the other recorded.");
            }
        }
    }

    /** Equal but for the rounding to microseconds that PostgreSQL applies to {@code since}. */
    private static boolean samePending(PendingCreate mine, PendingCreate stored) {
        if (mine == null || stored == null) {
            return mine == stored;
        }
        return mine.owner() == stored.owner()
                && Objects.equals(mine.accountId(), stored.accountId())
                && mine.specHash().equals(stored.specHash())
                && Math.abs(Duration.between(mine.since(), stored.since()).toNanos()) < 1_000;
    }

    private static Instant instant(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }

    private static PreviousGeneration previous(String tokenId, OffsetDateTime retireAt, boolean revoked) {
        return tokenId == null || retireAt == null
                ? null
                : new PreviousGeneration(tokenId, retireAt.toInstant(), revoked);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static TokenOwner owner(String stored) {
        return TokenOwner.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            link.close();
        }
    }
}
