package dev.cftokens.state.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An instance's own small pool of connections to one URL that counts what the store does through it:
 * connections borrowed, statements executed (each {@code execute*} call on a statement it made: one query
 * sent to the server) and transactions ended ({@code commit}, {@code rollback}). Keeps up to {@code
 * maxIdle} connections open between borrows, as an application's pool would.
 */
final class CountingDataSource implements DataSource {
    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final String url;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final LongAdder borrows = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder transactionEnds = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final Map<String, LongAdder> byText = new ConcurrentHashMap<>();

    CountingDataSource(String url, int maxIdle) {
        this.url = url;
        this.maxIdle = maxIdle;
    }

    /** What went through the pool until now. */
    record Counts(long borrows, long statements, long transactionEnds, long opened) {
        Counts minus(Counts earlier) {
            return new Counts(
                    borrows - earlier.borrows,
                    statements - earlier.statements,
                    transactionEnds - earlier.transactionEnds,
                    opened - earlier.opened);
        }
    }

    Counts counts() {
        return new Counts(borrows.sum(), statements.sum(), transactionEnds.sum(), opened.sum());
    }

    /** {@return the statements executed until now, by their SQL text} */
    Map<String, Long> statementsByText() {
        Map<String, Long> copy = new HashMap<>();
        byText.forEach((text, count) -> copy.put(text, count.sum()));
        return copy;
    }

    private void executed(String text) {
        statements.increment();
        byText.computeIfAbsent(text == null ? "?" : text.strip().replaceAll("\\s+", " "), t -> new LongAdder())
                .increment();
    }

    @Override
    public Connection getConnection() throws SQLException {
        borrows.increment();
        Connection physical;
        synchronized (idle) {
            physical = idle.pollFirst();
        }
        if (physical == null || physical.isClosed()) {
            physical = DriverManager.getConnection(url);
            opened.increment();
        }
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, new Borrowed(physical));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the benchmark's pool connects as its URL says");
    }

    private void giveBack(Connection physical) throws SQLException {
        if (physical.isClosed()) {
            return;
        }
        synchronized (idle) {
            if (idle.size() < maxIdle) {
                idle.addFirst(physical);
                return;
            }
        }
        physical.close();
    }

    /** Closes the idle connections. */
    void close() throws SQLException {
        synchronized (idle) {
            for (Connection connection : idle) {
                connection.close();
            }
            idle.clear();
        }
    }

    /** One borrow: counts the statements made on it, gives the connection back on close. */
    private final class Borrowed implements InvocationHandler {
        private final Connection physical;
        private boolean closed;

        Borrowed(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack(physical);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || physical.isClosed();
                }
                case "commit", "rollback" -> transactionEnds.increment();
                default -> {}
            }
            if (closed) {
                throw new SQLException("connection given back to the pool");
            }
            Object result = call(physical, method, args);
            if (result instanceof Statement statement) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {method.getReturnType()},
                        (statementProxy, statementMethod, statementArgs) -> {
                            if (EXECUTIONS.contains(statementMethod.getName())) {
                                executed(
                                        statementArgs != null
                                                        && statementArgs.length > 0
                                                        && statementArgs[0] instanceof String text
                                                ? text
                                                : prepared);
                            }
                            if (statementMethod.getName().equals("getConnection")) {
                                return proxy;
                            }
                            return call(statement, statementMethod, statementArgs);
                        });
            }
            return result;
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
