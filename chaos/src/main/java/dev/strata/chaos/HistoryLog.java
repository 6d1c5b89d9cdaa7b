package dev.strata.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JVM's history, one line per operation, in the format {@link History} parses. A flusher
 * hands the buffer to the operating system every {@value #FLUSH_MILLIS} ms, so a {@code kill -9}
 * loses at most that much of the tail: a lost ack line only makes the checker less strict, never
 * wrong. Thread-safe.
 */
final class HistoryLog implements AutoCloseable {

  static final long FLUSH_MILLIS = 20;

  private final BufferedWriter out;
  private final Thread flusher;
  private volatile boolean open = true;

  HistoryLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    this.flusher = new Thread(this::flushLoop, "history-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** An acknowledged write: {@code put} returned. */
  void acked(String key, long seq, long invokedUs, long ackedUs) {
    line("W " + key + " " + seq + " " + invokedUs + " " + ackedUs);
  }

  /** A write that threw: its outcome is unknown. */
  void failedWrite(String key, long seq, long invokedUs, long failedUs) {
    line("X " + key + " " + seq + " " + invokedUs + " " + failedUs);
  }

  /** A read that returned {@code seq} (0 for no value). */
  void read(String key, long seq, long startUs, long endUs) {
    line("R " + key + " " + seq + " " + startUs + " " + endUs);
  }

  /** A read that threw. */
  void failedRead(String key, long startUs, long endUs) {
    line("F " + key + " " + startUs + " " + endUs);
  }

  private void line(String line) {
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void flushLoop() {
    while (open) {
      flush();
      try {
        Thread.sleep(FLUSH_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void flush() {
    synchronized (out) {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    open = false;
    flusher.interrupt();
    synchronized (out) {
      out.close();
    }
  }
}
