package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.state.TokenRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of a {@link Plan}: what happens to one declaration's token (or to a recorded token no longer
 * declared, or to the leftover of an earlier run's unrecorded create). Immutable; built by the engine.
 */
public final class PlannedChange {
    private final ChangeKind kind;
    private final String declarationId;
    private final DesiredToken desired;
    private final TokenRecord recorded;
    private final ExistingToken existing;
    private final Set<TokenField> differences;
    private final Set<TokenField> removals;
    private final Leftover leftover;
    private final String note;

    private PlannedChange(Builder builder) {
        this.kind = requireNonNull(builder.kind, "kind");
        this.desired = builder.desired;
        this.recorded = builder.recorded;
        this.existing = builder.existing;
        this.leftover = builder.leftover;
        this.declarationId = leftover != null
                ? leftover.label()
                : desired != null
                        ? desired.declarationId()
                        : requireNonNull(recorded, "recorded").declarationId();
        this.differences = Collections.unmodifiableSet(copy(builder.differences));
        this.removals = Collections.unmodifiableSet(copy(builder.removals));
        this.note = builder.note;
    }

    private static Set<TokenField> copy(Set<TokenField> fields) {
        return fields.isEmpty() ? EnumSet.noneOf(TokenField.class) : EnumSet.copyOf(fields);
    }

    /** A change of {@code kind}; say which token it concerns with the builder's other methods. */
    public static Builder builder(ChangeKind kind) {
        return new Builder(kind);
    }

    public ChangeKind kind() {
        return kind;
    }

    /** The declaration's id; for a leftover, its {@link Leftover#label()}. */
    public String declarationId() {
        return declarationId;
    }

    /** The token as declared; null for a delete. */
    public DesiredToken desired() {
        return desired;
    }

    /** What the state holds for the declaration; null when nothing (and for a leftover). */
    public TokenRecord recorded() {
        return recorded;
    }

    /** The listed token the change acts on (or adopts); null when none. */
    public ExistingToken existing() {
        return existing;
    }

    /** For an update or drift: the fields in which the token differs from its declaration. */
    public Set<TokenField> differences() {
        return differences;
    }

    /** For a replace forced by a removal: the fields the declaration drops that an update cannot remove. */
    public Set<TokenField> removals() {
        return removals;
    }

    /** True when carrying the change out makes a disabled token active again. */
    public boolean reenables() {
        return differences.contains(TokenField.STATUS);
    }

    /** The leftover of an earlier run's unrecorded create this change deletes, if it is one. */
    public Optional<Leftover> leftover() {
        return Optional.ofNullable(leftover);
    }

    /** A short explanation printed after the line, or empty. */
    public String note() {
        return note;
    }

    /** The line printed for this change, such as {@code ~ update restricted-token (policies, expires_on)}. */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append(kind.symbol())
                .append(' ')
                .append(kind.verb())
                .append(' ')
                .append(declarationId);
        List<String> details = details();
        if (!details.isEmpty()) {
            line.append(" (").append(String.join(", ", details)).append(')');
        }
        if (!note.isEmpty()) {
            line.append(": ").append(note);
        }
        return line.toString();
    }

    /** What the parentheses of the line say: the differing fields, what is removed, or what is adopted. */
    private List<String> details() {
        List<String> details = new ArrayList<>();
        if (kind == ChangeKind.ADOPT) {
            details.add("unrecorded token " + existing.id() + " with the same name and grants");
        }
        removals.forEach(field -> details.add(field.removal()));
        details.addAll(differences.stream().map(TokenField::wireName).collect(Collectors.toList()));
        return details;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlannedChange that
                && kind == that.kind
                && declarationId.equals(that.declarationId)
                && Objects.equals(desired, that.desired)
                && Objects.equals(recorded, that.recorded)
                && Objects.equals(existing, that.existing)
                && differences.equals(that.differences)
                && removals.equals(that.removals)
                && note.equals(that.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, declarationId, recorded, existing, differences, removals, note);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Collects the parts of a {@link PlannedChange}; every part but the kind is optional. */
    public static final class Builder {
        private final ChangeKind kind;
        private DesiredToken desired;
        private TokenRecord recorded;
        private ExistingToken existing;
        private Set<TokenField> differences = Set.of();
        private Set<TokenField> removals = Set.of();
        private Leftover leftover;
        private String note = "";

        private Builder(ChangeKind kind) {
            this.kind = requireNonNull(kind, "kind");
        }

        public Builder desired(DesiredToken desired) {
            this.desired = desired;
            return this;
        }

        public Builder recorded(TokenRecord recorded) {
            this.recorded = recorded;
            return this;
        }

        public Builder existing(ExistingToken existing) {
            this.existing = existing;
            return this;
        }

        public Builder differences(Set<TokenField> differences) {
            this.differences = requireNonNull(differences, "differences");
            return this;
        }

        public Builder removals(Set<TokenField> removals) {
            this.removals = requireNonNull(removals, "removals");
            return this;
        }

        /** Marks the change as the delete of an earlier run's unrecorded token. */
        public Builder leftover(Leftover leftover) {
            this.leftover = requireNonNull(leftover, "leftover");
            return this;
        }

        public Builder note(String note) {
            this.note = note == null ? "" : note;
            return this;
        }

        public PlannedChange build() {
            return new PlannedChange(this);
        }
    }
}
