package dev.cftokens.spring;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the engine's lines through the application's logging (category {@code dev.cftokens.provisioning}),
 * one log event per line, and keeps the startup run's, so the Actuator endpoint can show its plan. Later
 * runs (tokens provisioned on demand) are logged, not kept, so the memory it holds stays bounded.
 */
final class RecordingOutput implements ProvisioningOutput {
    private static final Log LOG = LogFactory.getLog("dev.cftokens.provisioning");

    private List<String> lines = new ArrayList<>();

    @Override
    public void line(String line) {
        for (String each : line.lines().toList()) {
            LOG.info(each);
            record(each);
        }
    }

    @Override
    public void warning(String warning) {
        for (String each : warning.lines().toList()) {
            LOG.warn(each);
            record(each);
        }
    }

    private synchronized void record(String line) {
        if (lines != null) {
            lines.add(line);
        }
    }

    /** The lines recorded so far; from now on none are recorded. */
    synchronized List<String> endRecording() {
        List<String> recorded = lines == null ? List.of() : List.copyOf(lines);
        lines = null;
        return recorded;
    }
}
