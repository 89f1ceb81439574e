package dev.cftokens.runtime.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.state.PreviousGeneration;
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
    private final AdoptionSource adoptionSource;
    private final boolean revokes;
    private final String note;

    private PlannedChange(Builder builder) {
        this.kind = requireNonNull(builder.kind, "kind");
        this.desired = builder.desired;
        this.recorded = builder.recorded;
        this.existing = builder.existing;
        this.leftover = builder.leftover;
        if ((kind == ChangeKind.ADOPT) != (builder.adoptionSource != null)) {
            throw new IllegalArgumentException("an adoption, and only an adoption, says where its token came from");
        }
        this.adoptionSource = builder.adoptionSource;
        if (builder.revokes && kind != ChangeKind.ROTATE) {
            throw new IllegalArgumentException("only a rotation revokes the generation it replaces");
        }
        this.revokes = builder.revokes;
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

    /**
     * {@return a builder of a change of {@code kind}; say which token it concerns with its other methods}
     *
     * @param kind what the change does
     */
    public static Builder builder(ChangeKind kind) {
        return new Builder(kind);
    }

    /** {@return what the change does to the token} */
    public ChangeKind kind() {
        return kind;
    }

    /** {@return the declaration's id; for a leftover, its {@link Leftover#label()}} */
    public String declarationId() {
        return declarationId;
    }

    /** {@return the token as declared; null for a delete} */
    public DesiredToken desired() {
        return desired;
    }

    /** {@return what the state holds for the declaration; null when nothing (and for a leftover)} */
    public TokenRecord recorded() {
        return recorded;
    }

    /** {@return the listed token the change acts on (or adopts); null when none} */
    public ExistingToken existing() {
        return existing;
    }

    /**
     * For an update or drift: the fields in which the token differs from its declaration.
     *
     * @return the differing fields; empty for other kinds
     */
    public Set<TokenField> differences() {
        return differences;
    }

    /**
     * For a replace forced by a removal: the fields the declaration drops that an update cannot remove.
     *
     * @return the fields removed; empty for other kinds
     */
    public Set<TokenField> removals() {
        return removals;
    }

    /** {@return true when carrying the change out makes a disabled token active again} */
    public boolean reenables() {
        return differences.contains(TokenField.STATUS);
    }

    /** {@return the leftover of an earlier run's unrecorded create this change deletes, if it is one} */
    public Optional<Leftover> leftover() {
        return Optional.ofNullable(leftover);
    }

    /** {@return for an adoption, where the adopted token came from} */
    public Optional<AdoptionSource> adoptionSource() {
        return Optional.ofNullable(adoptionSource);
    }

    /** {@return true for the adoption of a token made elsewhere, which another holder's value may depend on} */
    public boolean adoptsFromElsewhere() {
        return adoptionSource == AdoptionSource.FOUND_ELSEWHERE;
    }

    /**
     * {@return for a rotation, true when the generation it replaces is deleted at once (a leaked token)
     * instead of staying valid for the overlap}
     */
    public boolean revokes() {
        return revokes;
    }

    /**
     * {@return the recorded previous generation this change deletes: a retire's, one a rotation, replace or
     * delete ends, or a revoked one whose delete was cut short, which an update or repair finishes too}
     */
    public Optional<PreviousGeneration> endsPrevious() {
        if (recorded == null || recorded.previous() == null) {
            return Optional.empty();
        }
        boolean finishesRevocation =
                recorded.previous().revoked() && (kind == ChangeKind.UPDATE || kind == ChangeKind.DRIFTED_CHANGED);
        return kind.endsPreviousGeneration() || finishesRevocation
                ? Optional.of(recorded.previous())
                : Optional.empty();
    }

    /** {@return a short explanation printed after the line, or empty} */
    public String note() {
        return note;
    }

    /** {@return the line printed for this change, such as {@code ~ update restricted-token (policies, expires_on)}} */
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

    /**
     * For an update or drift: what differs, one entry per field, from the token as listed to its
     * declaration, such as {@code expires_on: 2030-12-31T23:59:59Z -> 2031-12-31T23:59:59Z} or {@code
     * policies: + Analytics Read, - DNS Write}.
     *
     * @return the changes in field order; empty for other kinds
     */
    public List<String> changedValues() {
        return SpecChanges.of(this);
    }

    /**
     * {@return what a plan prints for this change: its {@linkplain #describe() line}, then each of its
     * {@linkplain #changedValues() changed values} on a line of its own, indented}
     */
    public String render() {
        StringBuilder text = new StringBuilder(describe());
        changedValues().forEach(change -> text.append("\n    ").append(change));
        return text.toString();
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
                && adoptionSource == that.adoptionSource
                && revokes == that.revokes
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
        private AdoptionSource adoptionSource;
        private boolean revokes;
        private String note = "";

        private Builder(ChangeKind kind) {
            this.kind = requireNonNull(kind, "kind");
        }

        /**
         * Sets the token as declared; leave unset for a delete.
         *
         * @param desired the declared token
         * @return this builder
         */
        public Builder desired(DesiredToken desired) {
            this.desired = desired;
            return this;
        }

        /**
         * Sets what the state holds for the declaration; leave unset when it holds nothing.
         *
         * @param recorded the state's record
         * @return this builder
         */
        public Builder recorded(TokenRecord recorded) {
            this.recorded = recorded;
            return this;
        }

        /**
         * Sets the listed token the change acts on or adopts.
         *
         * @param existing the token as listed
         * @return this builder
         */
        public Builder existing(ExistingToken existing) {
            this.existing = existing;
            return this;
        }

        /**
         * Sets the fields in which the token differs from its declaration (an update or drift).
         *
         * @param differences the fields, copied
         * @return this builder
         * @throws NullPointerException when {@code differences} is null
         */
        public Builder differences(Set<TokenField> differences) {
            this.differences = requireNonNull(differences, "differences");
            return this;
        }

        /**
         * Sets the fields the declaration drops that only a replace can remove.
         *
         * @param removals the fields, copied
         * @return this builder
         * @throws NullPointerException when {@code removals} is null
         */
        public Builder removals(Set<TokenField> removals) {
            this.removals = requireNonNull(removals, "removals");
            return this;
        }

        /**
         * Marks the change as the delete of an earlier run's unrecorded token.
         *
         * @param leftover the unrecorded token to delete
         * @return this builder
         */
        public Builder leftover(Leftover leftover) {
            this.leftover = requireNonNull(leftover, "leftover");
            return this;
        }

        /**
         * Marks the change as an adoption's, saying where its token came from; required for {@link
         * ChangeKind#ADOPT}, refused for any other kind.
         *
         * @param source where the adopted token came from
         * @return this builder
         */
        public Builder adoptionSource(AdoptionSource source) {
            this.adoptionSource = requireNonNull(source, "source");
            return this;
        }

        /**
         * Marks a rotation as revoking the generation it replaces: deleted once the successor is recorded,
         * with no overlap.
         *
         * @return this builder
         */
        public Builder revoking() {
            this.revokes = true;
            return this;
        }

        /**
         * Sets the explanation printed after the line.
         *
         * @param note the explanation; null for none
         * @return this builder
         */
        public Builder note(String note) {
            this.note = note == null ? "" : note;
            return this;
        }

        /**
         * {@return the change}
         *
         * @throws NullPointerException when neither a desired, a recorded nor a leftover token was given
         * @throws IllegalArgumentException when an adoption lacks its source, or another kind has one
         */
        public PlannedChange build() {
            return new PlannedChange(this);
        }
    }
}
