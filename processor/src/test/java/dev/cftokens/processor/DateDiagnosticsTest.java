package dev.cftokens.processor;

import static dev.cftokens.processor.Diagnostics.assertSingleError;
import static dev.cftokens.processor.Diagnostics.assertSingleWarning;

import org.junit.jupiter.api.Test;

/** notBefore and expiresOn: RFC 3339 UTC, real dates, in order; a warning when already expired. */
class DateDiagnosticsTest {
    @Test
    void timestampWithoutZoneIsAnError() {
        assertSingleError(
                Sources.acme(
                        "DatedToken",
                        "@ApiToken(",
                        "    notBefore = \"2030-01-01 00:00:00\")",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface DatedToken {}"),
                "[cftokens:invalid-timestamp] notBefore: ",
                "notBefore =");
    }

    @Test
    void dateNotOnTheCalendarIsAnError() {
        assertSingleError(
                Sources.acme(
                        "DatedToken",
                        "@ApiToken(",
                        "    expiresOn = \"2030-02-30T00:00:00Z\")",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface DatedToken {}"),
                "[cftokens:invalid-timestamp] expiresOn: ",
                "expiresOn =");
    }

    @Test
    void expiryNotAfterNotBeforeIsAnErrorOnExpiresOn() {
        assertSingleError(
                Sources.acme(
                        "DatedToken",
                        "@ApiToken(notBefore = \"2031-01-01T00:00:00Z\",",
                        "          expiresOn = \"2030-12-31T23:59:59Z\")",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface DatedToken {}"),
                "[cftokens:expires-before-not-before] expiresOn \"2030-12-31T23:59:59Z\" is not after notBefore"
                        + " \"2031-01-01T00:00:00Z\"",
                "expiresOn =");
    }

    @Test
    void expiryInThePastIsAWarning() {
        assertSingleWarning(
                Sources.acme(
                        "DatedToken",
                        "@ApiToken(name = \"Old\",",
                        "          expiresOn = \"2024-12-31T23:59:59Z\")",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "public interface DatedToken {}"),
                "[cftokens:already-expired] expiresOn \"2024-12-31T23:59:59Z\" is already past",
                "expiresOn =");
    }
}
