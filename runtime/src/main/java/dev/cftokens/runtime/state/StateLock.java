package dev.cftokens.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock on a lock file beside the state: first an in-process permit per real path, then an
 * OS lock. The operating system releases the OS lock when the process dies, so a killed run never
 * leaves a stale lock behind.
 *
 * <p>The in-process permit is what makes threads of one JVM wait for each other. They must never
 * contend through the OS lock itself: POSIX record locks belong to the process, so a waiting thread
 * that opened and closed its own channel on the file would drop the lock the holding thread still
 * relies on, and another process could then take it.
 */
final class StateLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    /** One permit per canonical lock file path, shared by every store of this JVM. */
    private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(Semaphore permit, FileChannel channel, FileLock lock) {
        this.permit = permit;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait} in all for another run to finish. */
    static StateLock acquire(Path lockFile, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        // A semaphore, not a ReentrantLock: a session may be closed by another thread than its opener.
        Semaphore permit = IN_PROCESS.computeIfAbsent(canonical(lockFile), path -> new Semaphore(1, true));
        try {
            if (!permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw held(lockFile, wait, "another cftokens run in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the lock file " + lockFile, e);
        }
        try {
            return lockFile(permit, lockFile, wait, deadline);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** With the in-process permit held, no other channel of this JVM is open on the file. */
    private static StateLock lockFile(Semaphore permit, Path lockFile, Duration wait, long deadline) {
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    lockFile,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    AtomicFile.privateFileAttributes());
        } catch (IOException e) {
            throw new StateException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
        }
        try {
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new StateLock(permit, channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw held(lockFile, wait, "another cftokens run");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the lock file " + lockFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StateException held(Path lockFile, Duration wait, String holder) {
        return new StateException(holder + " holds the lock file " + lockFile
                + " (waited " + wait.toSeconds() + " s); wait for it to finish, or raise the wait."
                + " The lock is released when that run ends or its process exits, so no file needs deleting.");
    }

    /** The real path of the lock file, so two spellings of one file share one permit. */
    private static Path canonical(Path lockFile) {
        Path absolute = lockFile.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new StateException(
                    "cannot resolve the directory of the lock file " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock as well.
        }
        closeQuietly(channel);
        permit.release();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the lock goes with the channel.
        }
    }
}
