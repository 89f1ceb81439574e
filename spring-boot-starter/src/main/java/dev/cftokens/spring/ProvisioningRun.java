package dev.cftokens.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the startup run printed (the plan, then progress) and when it ran. Lines never hold a token value.
 *
 * @param lines each line the run printed, a multi-line plan split into its lines
 */
public record ProvisioningRun(Instant startedAt, Duration elapsed, List<String> lines) {
    public ProvisioningRun {
        lines = List.copyOf(lines);
    }
}
