package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A token's row as a store keeps it: the record, and the value the runtime sealed for it. The sealed
 * bytes are opaque to the store, which keeps and returns them as they are.
 *
 * @param record the token's record
 * @param sealedValue the sealed value, or null when none is kept
 */
public record StoredToken(TokenRecord record, byte[] sealedValue) {
    /**
     * Copies the sealed value, so the row stays immutable.
     *
     * @param record the token's record
     * @param sealedValue the sealed value, or null when none is kept
     * @throws NullPointerException when {@code record} is null
     */
    public StoredToken {
        requireNonNull(record, "record");
        sealedValue = sealedValue == null ? null : sealedValue.clone();
    }

    /** {@return a copy of the sealed value, or null when none is kept} */
    @Override
    public byte[] sealedValue() {
        return sealedValue == null ? null : sealedValue.clone();
    }

    /** {@return whether a sealed value is kept} */
    public boolean hasValue() {
        return sealedValue != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredToken that
                && record.equals(that.record)
                && Arrays.equals(sealedValue, that.sealedValue);
    }

    @Override
    public int hashCode() {
        return 31 * record.hashCode() + Arrays.hashCode(sealedValue);
    }

    @Override
    public String toString() {
        return "StoredToken[" + record + ", " + (sealedValue == null ? "no value" : "a sealed value") + "]";
    }
}
