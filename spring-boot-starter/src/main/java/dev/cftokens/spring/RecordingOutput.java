package dev.cftokens.spring;

import dev.cftokens.runtime.provision.ProvisioningOutput;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the engine's lines through the application's logging (category {@code dev.cftokens.provisioning})
 * and keeps them, so the Actuator endpoint can show the last run's plan.
 */
final class RecordingOutput implements ProvisioningOutput {
    private static final Log LOG = LogFactory.getLog("dev.cftokens.provisioning");

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void line(String line) {
        LOG.info(line);
        lines.addAll(line.lines().toList());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
