/** Turning keys and values into bytes and back: the form they take in L2 and the copies store-by-value hands out. */
package dev.strata.cache.copy;
