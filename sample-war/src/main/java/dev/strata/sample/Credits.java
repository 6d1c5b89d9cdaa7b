package dev.strata.sample;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.annotation.CacheResult;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Users' credit balances, kept in this server's own in-memory "billing database", which answers
 * after {@code credits.database-latency} (200 ms). Cached in {@code credits}: the lifetime comes
 * from the balance ({@link CreditsExpiry}), and a balance older than {@code refresh-after} is read
 * again in the background while the cached one keeps serving. The database counts the reads a
 * request thread had to wait for, apart from those the background refresh made.
 */
@ApplicationScoped
public class Credits {

  /** Set while a request reads a balance, so the database can tell who waits for it. */
  private static final ThreadLocal<Boolean> IN_REQUEST = new ThreadLocal<>();

  private final Map<String, Long> balances = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong requestWaits = new AtomicLong();
  private final long latencyMillis = ConfigProvider.getConfig()
      .getOptionalValue("credits.database-latency", java.time.Duration.class)
      .orElse(java.time.Duration.ofMillis(200)).toMillis();

  @CacheResult(cacheName = "credits")
  public Long balance(String user) throws InterruptedException {
    reads.incrementAndGet();
    if (Boolean.TRUE.equals(IN_REQUEST.get())) {
      requestWaits.incrementAndGet();
    }
    TimeUnit.MILLISECONDS.sleep(latencyMillis);
    return balances.getOrDefault(user, user.startsWith("new-") ? 0L : 100L);
  }

  /**
   * Marks this thread as a request's while it reads through {@code credits} ({@link CreditsResource}
   * calls {@link #balance} on the bean's proxy, so that the cache annotation applies): a database
   * read on it is one a request waited for.
   */
  static void inRequest(boolean on) {
    if (on) {
      IN_REQUEST.set(true);
    } else {
      IN_REQUEST.remove();
    }
  }

  /** Writes a balance to the database only, as the billing system would: the cache keeps what it holds. */
  public void record(String user, long balance) {
    balances.put(user, balance);
  }

  /** @return database reads, and those a request thread waited for */
  public Map<String, Long> stats() {
    return Map.of("databaseReads", reads.get(), "requestWaits", requestWaits.get());
  }
}
