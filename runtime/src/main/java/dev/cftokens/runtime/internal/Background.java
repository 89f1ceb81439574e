package dev.cftokens.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work started on a daemon thread of its own, so that its round trip overlaps what the starting thread does
 * meanwhile; the starter takes the result, or the work's own exception, when it needs it. A daemon thread:
 * work nobody takes (a listing whose run failed on a declaration meanwhile, a write client built for writes
 * that never came) never keeps the JVM alive.
 *
 * @param <T> the result's type
 */
public final class Background<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Background() {}

    /**
     * Starts {@code work} on a new daemon thread.
     *
     * @param <T> the result's type
     * @param name the thread's name, such as {@code cftokens-listing}
     * @param work what to do
     * @return the started work
     */
    public static <T> Background<T> start(String name, Supplier<T> work) {
        Background<T> background = new Background<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        background.result.complete(work.get());
                    } catch (Throwable failure) {
                        background.result.completeExceptionally(failure);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /**
     * Starts {@code work}, which has no result, on a new daemon thread.
     *
     * @param name the thread's name, such as {@code cftokens-permission-check}
     * @param work what to do
     * @return the started work, whose {@link #join()} gives null
     */
    public static Background<Void> run(String name, Runnable work) {
        return start(name, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Waits for the work to finish.
     *
     * @return its result
     * @throws RuntimeException the work's own unchecked exception, as it threw it
     */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
