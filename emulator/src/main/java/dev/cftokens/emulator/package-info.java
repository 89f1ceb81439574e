/**
 * Cloudflare's token API on localhost: {@link dev.cftokens.emulator.CloudflareEmulator} (in-process),
 * {@link dev.cftokens.emulator.CloudflareEmulatorExtension} (JUnit 5) and {@link dev.cftokens.emulator.EmulatorMain}
 * (standalone). Besides this package, {@link dev.cftokens.emulator.contract} is meant to be used (the OpenAPI
 * contract check for test suites); the other sub-packages are its internals.
 */
package dev.cftokens.emulator;
