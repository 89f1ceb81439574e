package dev.cftokens.processor;

import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.RotationRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks {@code @Rotation} with {@link RotationRules}: each duration's syntax, {@code every}'s bounds,
 * {@code overlap} against {@code every}, and no fixed {@code expiresOn} beside it. Each message sits on the
 * value it is about; a value that does not parse is not checked further.
 */
final class RotationValidator {
    /** The policy when every check passed. */
    Optional<RotationPolicy> validate(
            AnnotationAttributes rotation, AnnotationAttributes apiToken, Instant expiresOn, Reporter reporter) {
        Optional<Duration> every = duration(rotation, "every", reporter);
        Optional<Duration> overlap = duration(rotation, "overlap", reporter);
        boolean valid = every.isPresent() && overlap.isPresent();
        if (every.isPresent()) {
            try {
                RotationRules.checkEvery(rotation.string("every").value(), every.get());
            } catch (InvalidValueException e) {
                Message message = every.get().compareTo(RotationRules.MIN_EVERY) < 0
                        ? Message.ROTATION_TOO_OFTEN
                        : Message.ROTATION_TOO_RARE;
                reporter.report(message, rotation.location("every"), e.getMessage());
                valid = false;
            }
        }
        if (every.isPresent() && overlap.isPresent()) {
            try {
                RotationRules.checkOverlap(
                        rotation.string("overlap").value(),
                        overlap.get(),
                        rotation.string("every").value(),
                        every.get());
            } catch (InvalidValueException e) {
                Message message = overlap.get().isZero() || overlap.get().isNegative()
                        ? Message.OVERLAP_NOT_POSITIVE
                        : Message.OVERLAP_NOT_SHORTER;
                reporter.report(message, rotation.location("overlap"), e.getMessage());
                valid = false;
            }
        }
        try {
            RotationRules.checkNoFixedExpiry(expiresOn);
        } catch (InvalidValueException e) {
            reporter.report(Message.ROTATION_WITH_EXPIRES_ON, apiToken.location("expiresOn"), e.getMessage());
            valid = false;
        }
        return valid ? Optional.of(new RotationPolicy(every.get(), overlap.get())) : Optional.empty();
    }

    private static Optional<Duration> duration(AnnotationAttributes rotation, String attribute, Reporter reporter) {
        AnnotatedString written = rotation.string(attribute);
        try {
            return Optional.of(RotationRules.parse(attribute, written.value()));
        } catch (InvalidValueException e) {
            reporter.report(Message.INVALID_DURATION, written.location(), e.getMessage());
            return Optional.empty();
        }
    }
}
