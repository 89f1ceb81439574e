/**
 * What the internal packages below share: {@link dev.cftokens.runtime.internal.Background}, work started on a
 * thread of its own whose round trip overlaps the starter's.
 *
 * <p>Internal: public only because sibling packages share it. Its types may change in any release.
 */
package dev.cftokens.runtime.internal;
