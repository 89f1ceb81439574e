/**
 * Cloudflare's token API on localhost: {@link dev.cftokens.emulator.CloudflareEmulator} (in-process),
 * {@link dev.cftokens.emulator.CloudflareEmulatorExtension} (JUnit 5) and {@link dev.cftokens.emulator.EmulatorMain}
 * (standalone). The sub-packages are its internals; only this package is meant to be used.
 */
package dev.cftokens.emulator;
