package dev.cftokens.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.cftokens.processor.Diagnostics.assertSingleError;
import static dev.cftokens.processor.Diagnostics.assertSingleWarning;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** {@code @RequestIp}: CIDRs, with warnings for duplicates and ranges that exclude nothing. */
class RequestIpDiagnosticsTest {
    @Test
    void octetAbove255IsAnErrorOnThatEntry() {
        assertSingleError(
                Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(in = {\"192.0.2.0/24\",",
                        "                 \"192.0.256.0/24\"})",
                        "public interface IpToken {}"),
                "[cftokens:invalid-cidr] CIDR \"192.0.256.0/24\"",
                "192.0.256.0/24");
    }

    @Test
    void prefixOutOfRangeIsAnError() {
        assertSingleError(
                Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(notIn = \"2001:db8::/129\")",
                        "public interface IpToken {}"),
                "[cftokens:invalid-cidr] CIDR \"2001:db8::/129\"",
                "2001:db8::/129");
    }

    @Test
    void bareAddressIsAnErrorThatGivesTheSingleAddressForm() {
        assertSingleError(
                Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(in = \"192.0.2.1\")",
                        "public interface IpToken {}"),
                "write 192.0.2.1/32 for the single address",
                "@RequestIp");
    }

    @Test
    void duplicateRangeIsAWarning() {
        assertSingleWarning(
                Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(in = {\"2001:db8::/32\",",
                        "                 \"2001:DB8:0::/32\"})",
                        "public interface IpToken {}"),
                "[cftokens:duplicate-cidr] @RequestIp lists \"2001:DB8:0::/32\" twice (first as in \"2001:db8::/32\")",
                "2001:DB8:0::/32");
    }

    @Test
    void notInOutsideEveryInRangeIsAWarning() {
        assertSingleWarning(
                Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(in = \"192.168.1.0/24\",",
                        "           notIn = \"10.0.0.0/8\")",
                        "public interface IpToken {}"),
                "[cftokens:not-in-outside-in] notIn \"10.0.0.0/8\" lies outside every `in` range (192.168.1.0/24)",
                "notIn =");
    }

    @Test
    void rangesAreWrittenInCanonicalForm() {
        Compilation compilation = Compilers.javac()
                .compile(Sources.acme(
                        "IpToken",
                        "@ApiToken",
                        "@Policy(permissionGroups = \"Zone Read\", resources = \"com.cloudflare.api.account.zone.*\")",
                        "@RequestIp(in = {\"2001:DB8:0:0::/32\", \"10.0.0.0/8\"}, notIn = \"10.1.0.0/16\")",
                        "public interface IpToken {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("com.acme.IpTokenProvisioner")
                .contentsAsUtf8String()
                .contains("\"requestIp\": {\"in\": [\"10.0.0.0/8\", \"2001:db8::/32\"], \"notIn\": [\"10.1.0.0/16\"]}");
    }
}
