/** The chaos suite: JVMs that write and read through Strata, the faults injected into them, and the checker of their histories. */
package dev.strata.chaos;
