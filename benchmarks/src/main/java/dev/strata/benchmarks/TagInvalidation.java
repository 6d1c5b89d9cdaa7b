package dev.strata.benchmarks;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Invalidating one user's entries in a large cache: 200,000 entries of 20,000 users, 10 each, on one
 * Strata member with its L1. {@code invalidateTag} removes the user's entries through the tag index
 * (a member-side query that returns the 10 keys); {@code scan} is what an application without tags
 * does: iterate every key of the cache and remove those of the user. Each call invalidates a
 * different user, whose 10 entries are put back (tagged) before the call, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TagInvalidation {

  private static final int PER_USER = 10;

  @Param("200000")
  int entries;

  private StrataCachingProvider provider;
  private StrataCacheManager manager;
  private StrataCache<String, String> cache;
  private int users;
  private int next;
  private String user;

  @Setup(Level.Trial)
  public void fill() {
    provider = new StrataCachingProvider();
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", "strata-tags-bench");
    properties.setProperty("strata.hazelcast.port", "5847");
    manager = (StrataCacheManager) provider.getCacheManager(provider.getDefaultURI(),
        TagInvalidation.class.getClassLoader(), properties);
    @SuppressWarnings("unchecked")
    StrataCache<String, String> created = manager.createCache("per-user",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)).unwrap(StrataCache.class);
    cache = created;
    users = entries / PER_USER;
    for (int u = 0; u < users; u++) {
      putUser(u);
    }
  }

  private void putUser(int u) {
    Set<String> tags = Set.of("user:" + u);
    for (int i = 0; i < PER_USER; i++) {
      cache.put("u" + u + ":" + i, "entry " + i + " of user " + u, tags);
    }
  }

  /** The next user's entries are present and tagged before each call. */
  @Setup(Level.Invocation)
  public void nextUser() {
    int u = next++ % users;
    putUser(u);
    user = String.valueOf(u);
  }

  @Benchmark
  public long invalidateTag() {
    long removed = manager.invalidateTag("user:" + user, "per-user");
    if (removed != PER_USER) {
      throw new IllegalStateException("removed " + removed + " entries of user " + user + ", expected " + PER_USER);
    }
    return removed;
  }

  @Benchmark
  public long scan() {
    String prefix = "u" + user + ":";
    List<String> matching = new ArrayList<>();
    for (Iterator<Cache.Entry<String, String>> it = cache.iterator(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (key.startsWith(prefix)) {
        matching.add(key);
      }
    }
    cache.removeAll(Set.copyOf(matching));
    if (matching.size() != PER_USER) {
      throw new IllegalStateException("found " + matching.size() + " entries of user " + user + ", expected " + PER_USER);
    }
    return matching.size();
  }

  @TearDown(Level.Trial)
  public void close() {
    provider.close();
  }
}
