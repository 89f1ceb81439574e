/**
 * Binding provisioned tokens to Cloudflare Workers: upload a script with the token as a {@code
 * secret_text} binding ({@link dev.cftokens.runtime.workers.Worker}), or set the secret alone on an
 * existing script ({@link dev.cftokens.runtime.workers.WorkerSecrets}).
 */
package dev.cftokens.runtime.workers;
