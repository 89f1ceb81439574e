/**
 * JSON trees read and written with jackson-core's streaming parser and generator, without an {@code
 * ObjectMapper}: see {@link dev.cftokens.core.json.JsonTrees}. Shared by core's declaration JSON and the
 * runtime's state file and transport, so the start-up path of a generated provisioner loads no databind
 * machinery.
 */
package dev.cftokens.core.json;
