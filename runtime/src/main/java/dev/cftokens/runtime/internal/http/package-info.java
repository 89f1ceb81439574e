/**
 * The wire layer under {@link dev.cftokens.runtime.Cloudflare}: one {@link
 * dev.cftokens.runtime.internal.http.ApiTransport} per client sends every request through OkHttp, applies the
 * rate limit and the retry rules, and turns every answer into an {@link dev.cftokens.runtime.internal.http.Envelope}
 * or a {@link dev.cftokens.runtime.CloudflareException}.
 *
 * <p>Internal: public only because the token and Workers APIs in sibling packages share it. Its types
 * may change in any release; use {@code Cloudflare}, {@code TokenApi} and the Workers types instead.
 */
package dev.cftokens.runtime.internal.http;
