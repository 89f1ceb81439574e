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
 * relies on, and another process could then take it. For the same reason a run that ends while another
 * thread of this JVM waits hands the OS lock on with the permit instead of releasing it: released, another
 * process polling for it could take it in the instant before the waiting thread does.
 */
final class StateLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    /** One holder per canonical lock file path, shared by every store of this JVM. */
    private static final Map<Path, Holder> IN_PROCESS = new ConcurrentHashMap<>();

    private final Holder holder;

    private StateLock(Holder holder) {
        this.holder = holder;
    }

    /** Takes the lock, waiting up to {@code wait} in all for another run to finish. */
    static StateLock acquire(Path lockFile, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Holder holder = IN_PROCESS.computeIfAbsent(canonical(lockFile), path -> new Holder());
        try {
            if (!holder.permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                holder.releaseIfIdle();
                throw held(lockFile, wait, "another cftokens run in this process");
            }
        } catch (InterruptedException e) {
            holder.releaseIfIdle();
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the lock file " + lockFile, e);
        }
        try {
            if (!holder.locked()) {
                holder.lockFile(lockFile, wait, deadline);
            }
            return new StateLock(holder);
        } catch (RuntimeException e) {
            holder.release();
            throw e;
        }
    }

    /**
     * The permit of one lock file and, while a thread of this JVM holds the permit or is being handed it, the
     * OS lock. Whoever holds the permit owns the channel and the lock.
     */
    private static final class Holder {
        // A semaphore, not a ReentrantLock: a session may be closed by another thread than its opener.
        private final Semaphore permit = new Semaphore(1, true);
        private FileChannel channel;
        private FileLock lock;

        boolean locked() {
            return lock != null && lock.isValid();
        }

        /** With the permit held, no other channel of this JVM is open on the file. */
        void lockFile(Path lockFile, Duration wait, long deadline) {
            unlockFile();
            FileChannel opened;
            try {
                opened = FileChannel.open(
                        lockFile,
                        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        AtomicFile.privateFileAttributes());
            } catch (IOException e) {
                throw new StateException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
            }
            try {
                while (true) {
                    FileLock taken = opened.tryLock();
                    if (taken != null) {
                        channel = opened;
                        lock = taken;
                        return;
                    }
                    if (System.nanoTime() >= deadline) {
                        throw held(lockFile, wait, "another cftokens run");
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(opened);
                throw new StateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                closeQuietly(opened);
                Thread.currentThread().interrupt();
                throw new StateException("interrupted while waiting for the lock file " + lockFile, e);
            } catch (RuntimeException e) {
                closeQuietly(opened);
                throw e;
            }
        }

        /**
         * Gives up the permit: with the OS lock to a thread of this JVM that waits for it, else after
         * releasing the OS lock.
         */
        void release() {
            if (permit.hasQueuedThreads()) {
                permit.release();
                // The waiter may have given up meanwhile: then nobody would release the OS lock.
                releaseIfIdle();
                return;
            }
            unlockFile();
            permit.release();
        }

        /**
         * Releases the OS lock when no thread of this JVM holds the permit or waits for it. A waiter that gives
         * up calls this too, so a lock handed to it is not kept after it left.
         */
        void releaseIfIdle() {
            if (permit.tryAcquire()) {
                if (!permit.hasQueuedThreads()) {
                    unlockFile();
                }
                permit.release();
            }
        }

        private void unlockFile() {
            if (lock != null) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // Closing the channel below releases the lock as well.
                }
                lock = null;
            }
            if (channel != null) {
                closeQuietly(channel);
                channel = null;
            }
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
        holder.release();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the lock goes with the channel.
        }
    }
}
