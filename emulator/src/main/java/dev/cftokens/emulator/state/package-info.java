/** Internal: the JSON state file that keeps a standalone emulator's account, tokens and scripts across restarts. */
package dev.cftokens.emulator.state;
