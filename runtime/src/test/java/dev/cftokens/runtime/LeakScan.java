package dev.cftokens.runtime;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite-wide leak check. As a JUnit extension it captures every log record of every logger at level
 * ALL during each test, and fails the test if one of them (message, parameters, stack trace) holds anything
 * shaped like a secret: a run of 40 or more token characters (token values are 40 to 80; ids are 32 and may
 * be logged), or an authentication header. System.Logger goes to java.util.logging when no other backend is
 * installed, as in these tests. {@link #caught} does the same for the messages of every exception a test
 * provokes.
 *
 */
public final class LeakScan implements BeforeEachCallback, AfterEachCallback {
    private static final Pattern SECRET_SHAPED = Pattern.compile("[A-Za-z0-9_\\-]{40,}");
    /**
     * Long runs that are not secrets: spec hashes, and encrypted values as the PostgreSQL driver logs its
     * bind parameters at FINEST (bytea in hex). Removed before the scan.
     */
    private static final Pattern NOT_SECRET = Pattern.compile("sha256:[0-9a-f]{64}|'\\\\x[0-9a-f]+'::bytea");

    private static final String PROCESS_START = "java.lang.ProcessBuilder";

    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)authorization:|bearer |x-auth-key");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakScan.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(LogCapture.class, LogCapture.everything());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LogCapture capture = context.getStore(NAMESPACE).remove(LogCapture.class, LogCapture.class);
        capture.close();
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : capture.records()) {
            if (PROCESS_START.equals(record.getLoggerName())) {
                // JDK 25 logs every command line a test starts (class paths, temporary scripts); cftokens
                // never puts a secret in a command line, only in a child's environment.
                continue;
            }
            String text = NOT_SECRET.matcher(scanned(formatter, record)).replaceAll("");
            if (SECRET_SHAPED.matcher(text).find() || AUTH_HEADER.matcher(text).find()) {
                throw new AssertionError("a log record of " + record.getLoggerName() + " looks like it holds a secret"
                        + " or an authentication header: "
                        + SECRET_SHAPED.matcher(text).replaceAll("<40+ token characters>"));
            }
        }
        if (capture.records().isEmpty()
                && context.getRequiredTestClass().isAnnotationPresent(ExpectsRequestLog.class)) {
            throw new AssertionError("no log record at all: is the capture working?");
        }
    }

    /**
     * The record's message with its parameters and the messages of its exception chain. Not the stack
     * frames: a frame is code, and JUnit's own class names run past 40 characters.
     */
    private static String scanned(SimpleFormatter formatter, LogRecord record) {
        StringBuilder text = new StringBuilder(formatter.formatMessage(record));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable thrown = record.getThrown(); thrown != null && seen.add(thrown); thrown = thrown.getCause()) {
            text.append('\n').append(thrown.getClass().getName()).append(": ").append(thrown.getMessage());
        }
        return text.toString();
    }

    /**
     * {@code catchThrowableOfType}, and then a check that no message in the exception's chain (causes and
     * suppressed exceptions included) holds secret-shaped text or an authentication header.
     */
    public static <T extends Throwable> T caught(Class<T> type, ThrowingCallable call) {
        T thrown = Assertions.catchThrowableOfType(type, call);
        Assertions.assertThat(thrown).as("expected a " + type.getSimpleName()).isNotNull();
        check(thrown, new java.util.IdentityHashMap<>());
        return thrown;
    }

    private static void check(Throwable throwable, java.util.Map<Throwable, Boolean> seen) {
        if (throwable == null || seen.put(throwable, true) != null) {
            return;
        }
        String text = throwable.getClass().getName() + ": " + throwable.getMessage();
        if (SECRET_SHAPED.matcher(text).find() || AUTH_HEADER.matcher(text).find()) {
            throw new AssertionError("an exception message looks like it holds a secret or an authentication header: "
                    + SECRET_SHAPED.matcher(text).replaceAll("<40+ token characters>"));
        }
        check(throwable.getCause(), seen);
        for (Throwable suppressed : throwable.getSuppressed()) {
            check(suppressed, seen);
        }
    }

    /** Marks a test class whose every test sends requests, so its capture must see at least one record. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface ExpectsRequestLog {}
}
