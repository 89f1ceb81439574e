/**
 * JSON trees read and written with jackson-core's streaming parser and generator, without an {@code
 * ObjectMapper}: see {@link dev.cftokens.runtime.internal.json.JsonTrees}.
 *
 * <p>Internal: public only because the state, token and transport packages share it. Its types may change
 * in any release.
 */
package dev.cftokens.runtime.internal.json;
