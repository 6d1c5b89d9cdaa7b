package dev.strata.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a deserialization gadget: a class on the application's class path, outside the
 * application's own packages, whose {@code readObject} does something. It only counts its runs.
 */
public final class Gadget implements Serializable {

  /** How many times any {@code readObject} of this class ran. */
  public static final AtomicInteger READS = new AtomicInteger();

  public String command = "touch /tmp/owned";

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    READS.incrementAndGet();
  }
}
