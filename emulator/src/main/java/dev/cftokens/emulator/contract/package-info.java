/**
 * Cloudflare's OpenAPI description of the token API, bundled, and a check that exchanges with an emulator
 * follow it: {@link dev.cftokens.emulator.contract.OpenApiContract} checks one exchange, {@link
 * dev.cftokens.emulator.contract.ContractCheck} every exchange of a test suite.
 */
package dev.cftokens.emulator.contract;
