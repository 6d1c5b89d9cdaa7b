package dev.strata.cache;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds one chosen thread inside the decoding of a {@link Version}. A Strata read decodes the value
 * it got from L2 before it publishes it into L1, so holding the decode holds the reader exactly
 * between its L2 read and its L1 publish: the window a concurrent invalidation must be able to
 * close. Used with try-with-resources; at most one is armed at a time. Thread-safe.
 */
final class HeldDecoding implements AutoCloseable {

  private static final AtomicReference<HeldDecoding> ARMED = new AtomicReference<>();

  private final Thread thread;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  private HeldDecoding(Thread thread) {
    this.thread = thread;
  }

  /** Arms a hold for the next {@link Version} that {@code thread} decodes. */
  static HeldDecoding ofNextDecodeOn(Thread thread) {
    HeldDecoding hold = new HeldDecoding(thread);
    if (!ARMED.compareAndSet(null, hold)) {
      throw new IllegalStateException("another HeldDecoding is armed; close it first");
    }
    return hold;
  }

  /** @return whether the thread is being held now */
  boolean isHolding() {
    return held.getCount() == 0 && released.getCount() > 0;
  }

  /** Lets the held thread go on. */
  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    ARMED.compareAndSet(this, null);
    release();
  }

  /** Called by every {@link Version} being decoded. */
  private static void decoding() {
    HeldDecoding hold = ARMED.get();
    if (hold == null || hold.thread != Thread.currentThread() || !ARMED.compareAndSet(hold, null)) {
      return;
    }
    hold.held.countDown();
    try {
      if (!hold.released.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("HeldDecoding was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A value kept in L2 by Java serialization, so Strata decodes it on every read. */
  static final class Version implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int number;

    Version(int number) {
      this.number = number;
    }

    int number() {
      return number;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      decoding();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Version version && version.number == number;
    }

    @Override
    public int hashCode() {
      return number;
    }

    @Override
    public String toString() {
      return "Version " + number;
    }
  }
}
