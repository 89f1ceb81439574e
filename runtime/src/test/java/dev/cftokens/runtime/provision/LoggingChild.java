package dev.cftokens.runtime.provision;

/** A plain Java application's provisioning lines, logged by default: run by {@link ProvisioningLogTest}. */
public final class LoggingChild {
    private LoggingChild() {}

    public static void main(String[] args) {
        ProvisioningOutput output = ProvisioningOutput.logger();
        output.line("+ create readonly-token\n= unchanged zone-token");
        output.warning("! zone-token expired on 2020-01-01T00:00:00Z");
    }
}
