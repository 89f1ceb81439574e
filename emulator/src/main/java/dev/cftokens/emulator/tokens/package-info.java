/**
 * Internal: the token store (hashes of values only), the validating reader of create and update bodies
 * (on core's rules), and the JSON the API shows for tokens.
 */
package dev.cftokens.emulator.tokens;
