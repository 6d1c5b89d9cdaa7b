/** The JSR-107 implementation: cache manager, cache and entry types that applications unwrap to. */
package dev.strata.cache;
