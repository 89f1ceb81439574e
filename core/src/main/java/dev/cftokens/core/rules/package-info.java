/**
 * Cloudflare's rules for the values a token declaration holds, in one place for the annotation
 * processor (compile-time errors on the exact string) and the emulator (400 answers like Cloudflare's):
 * {@link dev.cftokens.core.rules.ResourceKey} (resource-key grammar and nesting), {@link
 * dev.cftokens.core.rules.PolicyScopes} (permission groups against key scopes), {@link
 * dev.cftokens.core.rules.Cidr}, {@link dev.cftokens.core.rules.Timestamps} and {@link
 * dev.cftokens.core.rules.TokenRules} (names and ids). Every rejection is an {@link
 * dev.cftokens.core.rules.InvalidValueException} whose message quotes the value and says what would
 * be right.
 *
 * <p>Where Cloudflare's behaviour is not documented these classes choose the strictest sensible rule,
 * so that what a declaration says is exactly what Cloudflare stores and later returns:
 *
 * <ul>
 *   <li>ids in keys are lowercase hex only; an upper-case id is rejected with its lowercase spelling;
 *   <li>the only account placeholder is {@code {account}}; {@code com.cloudflare.api.account.*}
 *       cannot hold nested keys; {@code com.cloudflare.edge.r2.bucket.*} is valid only nested;
 *   <li>a placeholder stands for a whole id or key part, never a piece of one;
 *   <li>a CIDR needs its prefix length ({@code /32}, {@code /128} for one address), may not set host
 *       bits, and IPv4 octets take no leading zeros;
 *   <li>timestamps are UTC in whole seconds ending in {@code Z}: no fractional seconds, no offsets,
 *       no leap seconds; a token must expire after it becomes valid;
 *   <li>token names may not have control characters or leading or trailing whitespace.
 * </ul>
 */
package dev.cftokens.core.rules;
