package dev.cftokens.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;

/**
 * An exclusive OS lock on a lock file beside the state. The operating system releases it when the
 * process dies, so a killed run never leaves a stale lock behind.
 */
final class StateLock implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, waiting up to {@code wait} for another run to finish. */
  static StateLock acquire(Path lockFile, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      FileChannel channel;
      try {
        channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            AtomicFile.privateFileAttributes());
      } catch (IOException e) {
        throw new StateException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
      }
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Another thread of this JVM holds it: the same as another process holding it.
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
      if (lock != null) {
        return new StateLock(channel, lock);
      }
      closeQuietly(channel);
      if (System.nanoTime() >= deadline) {
        throw new StateException("another cftokens run holds the lock file " + lockFile
            + " (waited " + wait.toSeconds() + " s); wait for it to finish, or raise the wait."
            + " The lock is released when that process exits, so no file needs deleting.");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("interrupted while waiting for the lock file " + lockFile, e);
      }
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
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the lock goes with the channel.
    }
  }
}
