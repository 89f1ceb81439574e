package dev.cftokens.runtime.state;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.util.Optional;

/**
 * Copies one state into another, such as a service's file into the shared PostgreSQL store it moves to:
 * every record, every pending create, and every value the source holds, which the target encrypts under
 * its own key. Both states are locked whole while it runs; the source is left as it was.
 */
public final class StateCopy {
    /**
     * What was copied.
     *
     * @param records the records copied
     * @param values the values among them (the rest the source held no value for, or could not decrypt)
     * @param pendingCreates the pending creates copied
     */
    public record Result(int records, int values, int pendingCreates) {}

    private StateCopy() {}

    /**
     * Copies {@code from} into {@code to}, which must hold no record yet.
     *
     * @param from the state to read; left as it is
     * @param to the state to write; it must hold no record
     * @return how many records, values and pending creates were copied
     * @throws StateException when the target already holds records (nothing is copied then), or either
     *     state cannot be opened
     */
    public static Result copy(StateStore from, StateStore to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        try (StateSession source = from.open();
                StateSession target = to.open()) {
            if (!target.records().isEmpty() || !target.pendingCreates().isEmpty()) {
                throw new StateException(to.describe() + " already holds "
                        + target.records().size()
                        + " record(s) and " + target.pendingCreates().size() + " pending create(s); copy into an"
                        + " empty state. Nothing was copied.");
            }
            int values = 0;
            for (TokenRecord record : source.records()) {
                Optional<Secret> value = source.value(record.declarationId());
                if (value.isPresent() && target.storesValues()) {
                    target.put(record, value.get());
                    values++;
                } else {
                    target.put(record);
                }
            }
            source.pendingCreates().forEach(target::putPendingCreate);
            return new Result(
                    source.records().size(), values, source.pendingCreates().size());
        }
    }
}
