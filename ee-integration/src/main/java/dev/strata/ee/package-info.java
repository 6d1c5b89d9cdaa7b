/** The public face of strata-ee: the {@link dev.strata.ee.NamedCache} qualifier and the interceptor priority. */
package dev.strata.ee;
