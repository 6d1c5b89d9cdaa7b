/** The JSR-107 annotation semantics, free of any container: method metadata, misuse checks, keys, resolvers, single-flight. */
package dev.strata.ee.annotation;
