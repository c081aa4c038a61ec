/**
 * Authenticated encryption of state a stateless client carries between requests: the {@code encrypted_content} of
 * reasoning and compaction items that Crosswalk mints for a Chat upstream. See {@link dev.crosswalk.translator.seal.Sealer}.
 */
package dev.crosswalk.translator.seal;
