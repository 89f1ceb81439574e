/** Internal: who a request comes from (Bearer token, global API key), what it may do, and its rate limit. */
package dev.cftokens.emulator.access;
