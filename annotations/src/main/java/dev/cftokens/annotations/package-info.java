/**
 * Annotations that declare Cloudflare API tokens as Java interfaces. See {@link
 * dev.cftokens.annotations.ApiToken}.
 */
package dev.cftokens.annotations;
