package dev.cftokens.processor;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Test declarations, written as a user would, with the usual imports. */
final class Sources {
    private Sources() {}

    /** {@code com.acme.<simpleName>} with {@code import dev.cftokens.annotations.*;} and {@code body} after it. */
    static JavaFileObject acme(String simpleName, String... lines) {
        return JavaFileObjects.forSourceLines("com.acme." + simpleName, withHeader(lines));
    }

    private static String[] withHeader(String... lines) {
        String[] all = new String[lines.length + 3];
        all[0] = "package com.acme;";
        all[1] = "";
        all[2] = "import dev.cftokens.annotations.*;";
        System.arraycopy(lines, 0, all, 3, lines.length);
        return all;
    }

    /**
     * A nested interface with shared group names, repeated policies, nesting under the account and an
     * input: the golden file Outer_InnerProvisioner.
     */
    static JavaFileObject outerInner() {
        return Sources.acme(
                "Outer",
                "public class Outer {",
                "  @ApiToken(id = \"logs\", owner = Owner.ACCOUNT)",
                "  @Policy(permissionGroups = {\"Logs Read\", \"Account Settings Read\"},",
                "          resources = \"com.cloudflare.api.account\")",
                "  @Policy(effect = Effect.DENY, permissionGroups = {\"Logs Write\", \"DNS Write\"},",
                "          within = \"com.cloudflare.api.account.{account}\",",
                "          resources = {\"com.cloudflare.api.account.zone.{zone}\",",
                "                       \"com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef\"})",
                "  public interface Inner { String zone(); }",
                "}");
    }

    static JavaFileObject readonlyToken() {
        return acme(
                "ReadonlyToken",
                "@ApiToken(name = \"Readonly Zone Token\")",
                "@Policy(permissionGroups = {\"Zone Read\", \"Analytics Read\"},",
                "        resources = \"com.cloudflare.api.account.zone.*\")",
                "public interface ReadonlyToken {}");
    }

    static JavaFileObject restrictedToken() {
        return acme(
                "RestrictedToken",
                "@ApiToken(name = \"Restricted Access Token\",",
                "          notBefore = \"2030-01-01T00:00:00Z\", expiresOn = \"2030-12-31T23:59:59Z\")",
                "@Policy(permissionGroups = \"Workers Routes Write\",",
                "        resources = \"com.cloudflare.api.account.zone.{zoneId}\")",
                "@RequestIp(in = \"192.168.1.0/24\", notIn = \"192.168.1.100/32\")",
                "public interface RestrictedToken {",
                "  String zoneId();",
                "}");
    }

    /** A token that rotates itself, with an input: the golden file DeployTokenProvisioner. */
    static JavaFileObject deployToken() {
        return acme(
                "DeployToken",
                "@ApiToken(name = \"CI Deploy\")",
                "@Policy(permissionGroups = \"Workers Scripts Write\",",
                "        resources = \"com.cloudflare.api.account\")",
                "@Rotation(every = \"P30D\", overlap = \"P2D\")",
                "public interface DeployToken {}");
    }
}
