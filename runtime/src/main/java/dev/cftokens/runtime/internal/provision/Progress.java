package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.provision.ProvisioningOutput;

/**
 * Progress lines for long runs: one every {@value #EVERY_CHANGES} finished changes or every
 * {@value #EVERY_MILLIS} ms, whichever comes first; nothing for runs that finish quickly.
 */
final class Progress {
    static final int EVERY_CHANGES = 25;
    static final long EVERY_MILLIS = 2_000;

    private final ProvisioningOutput output;
    private final int total;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private int done;

    Progress(ProvisioningOutput output, int total) {
        this.output = output;
        this.total = total;
    }

    synchronized void finished() {
        done++;
        long now = System.nanoTime();
        boolean batch = total > EVERY_CHANGES && done % EVERY_CHANGES == 0 && done < total;
        boolean slow = (now - lastReport) / 1_000_000 >= EVERY_MILLIS && done < total;
        if (batch || slow) {
            lastReport = now;
            output.line(String.format(
                    java.util.Locale.ROOT, "  ... %d/%d done (%.1f s)", done, total, (now - start) / 1e9));
        }
    }
}
