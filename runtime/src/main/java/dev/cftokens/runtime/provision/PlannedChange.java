package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.state.TokenRecord;
import java.util.List;

/**
 * One line of a {@link Plan}.
 *
 * @param desired the token as declared; null for a delete
 * @param recorded what the state holds for the declaration; null when nothing
 * @param existing the listed token the change acts on (or adopts); null when none
 * @param differences the fields that differ ({@code name}, {@code policies}, {@code condition},
 *     {@code not_before}, {@code expires_on}, {@code status}) for an update or drift; for a replace
 *     forced by a removal, what is removed and why an update cannot remove it; for an adopt, which
 *     token is adopted
 * @param note a short explanation printed after the line, or empty
 */
public record PlannedChange(
        ChangeKind kind,
        String declarationId,
        DesiredToken desired,
        TokenRecord recorded,
        ExistingToken existing,
        List<String> differences,
        String note) {
    public PlannedChange {
        requireNonNull(kind, "kind");
        requireNonNull(declarationId, "declarationId");
        differences = List.copyOf(differences);
        note = note == null ? "" : note;
    }

    /** The line printed for this change, such as {@code ~ update restricted-token (policies, expires_on)}. */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append(kind.symbol())
                .append(' ')
                .append(kind.verb())
                .append(' ')
                .append(declarationId);
        if (!differences.isEmpty()) {
            line.append(" (").append(String.join(", ", differences)).append(')');
        }
        if (!note.isEmpty()) {
            line.append(": ").append(note);
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
