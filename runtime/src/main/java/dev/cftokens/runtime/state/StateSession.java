package dev.cftokens.runtime.state;

import dev.cftokens.runtime.Secret;
import java.util.Collection;
import java.util.Optional;

/**
 * One locked run against a {@link StateStore}. Every {@code put} and {@code remove} is durable when it
 * returns, so a process killed the next instant loses nothing it was told about. Thread-safe.
 */
public interface StateSession extends AutoCloseable {
  /** Every recorded token. */
  Collection<TokenRecord> records();

  /** The record of one declaration, if any. */
  Optional<TokenRecord> record(String declarationId);

  /** The recorded value of a declaration's token, if the state holds it and can decrypt it. */
  Optional<Secret> value(String declarationId);

  /**
   * True when values given to {@link #put(TokenRecord, Secret)} are kept (encrypted); false without a
   * passphrase, in which case a value needed later is obtained by rolling the token.
   */
  boolean storesValues();

  /**
   * Records a token whose value has not changed: the stored value is kept when the token id is the one
   * already recorded, and dropped otherwise.
   */
  void put(TokenRecord record);

  /** Records a token with its current value, which replaces any stored one (kept only encrypted). */
  void put(TokenRecord record, Secret value);

  /** Forgets a declaration's token. */
  void remove(String declarationId);

  /** Releases the lock. */
  @Override
  void close();
}
