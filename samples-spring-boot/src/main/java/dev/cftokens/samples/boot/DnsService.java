package dev.cftokens.samples.boot;

import dev.cftokens.runtime.ProvisionedToken;
import org.springframework.stereotype.Service;

/**
 * The part of the service that talks to Cloudflare: it gets its two tokens injected by their declaring
 * interfaces, already provisioned. A real service would put {@code token.value().reveal()} in an
 * {@code Authorization: Bearer} header; printing a token shows its value masked.
 */
@Service
public class DnsService {
    private final ProvisionedToken<DnsEditToken> dnsEdit;
    private final ProvisionedToken<AnalyticsReadToken> analyticsRead;

    public DnsService(ProvisionedToken<DnsEditToken> dnsEdit, ProvisionedToken<AnalyticsReadToken> analyticsRead) {
        this.dnsEdit = dnsEdit;
        this.analyticsRead = analyticsRead;
    }

    public ProvisionedToken<DnsEditToken> dnsEdit() {
        return dnsEdit;
    }

    public ProvisionedToken<AnalyticsReadToken> analyticsRead() {
        return analyticsRead;
    }

    /** One line per token, values masked. */
    public String describe() {
        return "DNS edits with " + dnsEdit + "\nAnalytics reads with " + analyticsRead;
    }
}
