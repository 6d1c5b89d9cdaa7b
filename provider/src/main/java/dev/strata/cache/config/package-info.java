/** Provider and per-cache settings: their keys, defaults, parsing and validation. */
package dev.strata.cache.config;
