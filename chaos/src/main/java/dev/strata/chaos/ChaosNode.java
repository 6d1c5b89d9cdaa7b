package dev.strata.chaos;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.connection.ClientConnection;
import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.strata.cache.StrataCacheManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;

/**
 * The main class of one chaos JVM: an embedded Strata member or a Strata client. It writes an
 * increasing sequence number to each of its own keys, reads every key of the run every 5 to 10
 * ms, a thread per key, and logs both to its history file. It reports its view of the cluster to a status file, and
 * stops when the harness creates {@code stop-writes} and {@code stop} in the run folder, or at its
 * deadline, whichever comes first: no loop outlives the run.
 *
 * <p>Arguments: the run folder, the node name, the incarnation (0, then 1 after a restart). The
 * node reads {@code <name>.properties} from the run folder: the Strata properties, plus
 * {@code chaos.write-keys}, {@code chaos.read-keys} and {@code chaos.deadline} (epoch ms).
 */
public final class ChaosNode {

  /** The cache every node uses; its Hazelcast map is shared through the URI. */
  static final String CACHE = "chaos";
  /** The Hazelcast map that stands for the application's database. */
  static final String DATABASE = "chaos-database";
  static final URI MANAGER_URI = URI.create("strata-chaos");
  static final String PROVIDER = "dev.strata.cache.spi.StrataCachingProvider";
  /** Sequence numbers of incarnation i start above i times this, so a restarted writer never repeats one. */
  static final long INCARNATION_STRIDE = 1_000_000L;
  /** Strata's fault switch: while true, this JVM discards every invalidation it receives. */
  static final String LOSE_INVALIDATIONS = "strata.fault.lose-invalidations";

  private final Path dir;
  private final String name;
  private final long deadline;
  private final Cache<String, Long> cache;
  private final HazelcastInstance hazelcast;
  private final HistoryLog log;
  private volatile boolean running = true;
  private volatile boolean writing = true;
  /** Membership changes seen; a safety verdict counts only if none came while it was being taken. */
  private final AtomicLong changes = new AtomicLong();
  private volatile long safeAt = -1;

  private ChaosNode(Path dir, String name, long deadline, Cache<String, Long> cache, HazelcastInstance hazelcast,
                    HistoryLog log) {
    this.dir = dir;
    this.name = name;
    this.deadline = deadline;
    this.cache = cache;
    this.hazelcast = hazelcast;
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String name = args[1];
    int incarnation = Integer.parseInt(args[2]);
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".properties"))) {
      properties.load(in);
    }
    List<String> writeKeys = keys(properties.getProperty("chaos.write-keys", ""));
    List<String> readKeys = keys(properties.getProperty("chaos.read-keys"));
    long deadline = Long.parseLong(properties.getProperty("chaos.deadline"));
    Properties strata = new Properties();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("strata.")) {
        strata.setProperty(key, properties.getProperty(key));
      }
    }
    CacheManager manager = Caching.getCachingProvider(PROVIDER)
        .getCacheManager(MANAGER_URI, ChaosNode.class.getClassLoader(), strata);
    HazelcastInstance hazelcast = manager.unwrap(StrataCacheManager.class).connect();
    Database.map = hazelcast.getMap(DATABASE);
    Cache<String, Long> cache = manager.getCache(CACHE, String.class, Long.class);
    if (cache == null) {
      cache = manager.createCache(CACHE, new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
          .setReadThrough(true).setCacheLoaderFactory(FactoryBuilder.factoryOf(Database.class)));
    }
    HistoryLog log = new HistoryLog(dir.resolve(name + "." + incarnation + ".log"));
    ChaosNode node = new ChaosNode(dir, name, deadline, cache, hazelcast, log);
    node.run(writeKeys, readKeys, incarnation * INCARNATION_STRIDE);
    log.close();
    // the harness has what it needs; a graceful Hazelcast leave would only slow the end of the run
    Runtime.getRuntime().halt(0);
  }

  private static List<String> keys(String csv) {
    List<String> keys = new ArrayList<>();
    for (String key : csv.split(",")) {
      if (!key.isBlank()) {
        keys.add(key.trim());
      }
    }
    return keys;
  }

  private void run(List<String> writeKeys, List<String> readKeys, long firstSeq) throws InterruptedException {
    // a thread per key: a key whose owner is stalled or gone must not hold up the others
    List<Thread> workers = new ArrayList<>();
    for (String key : writeKeys) {
      workers.add(new Thread(() -> write(key, firstSeq), name + "-write-" + key));
    }
    for (String key : readKeys) {
      workers.add(new Thread(() -> read(key), name + "-read-" + key));
    }
    workers.forEach(Thread::start);
    if (!(hazelcast instanceof HazelcastClientProxy)) {
      hazelcast.getCluster().addMembershipListener(new MembershipAdapter() {
        @Override
        public void memberAdded(MembershipEvent event) {
          changes.incrementAndGet();
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          changes.incrementAndGet();
        }
      });
      Thread safety = new Thread(this::checkSafety, name + "-safety");
      safety.setDaemon(true);
      safety.start();
    }
    Slow slow = new Slow();
    while (running) {
      reportStatus();
      reportRefreshes();
      slow.follow(Files.exists(dir.resolve(name + ".overload")));
      // the lost-invalidations fault: Strata reads the switch per invalidation
      System.setProperty(LOSE_INVALIDATIONS, Boolean.toString(Files.exists(dir.resolve(name + ".lose"))));
      if (System.currentTimeMillis() >= deadline || Files.exists(dir.resolve("stop"))) {
        running = false;
      }
      if (Files.exists(dir.resolve("stop-writes"))) {
        writing = false;
      }
      Thread.sleep(100);
    }
    writing = false;
    slow.follow(false);
    for (Thread worker : workers) {
      worker.join(1_000);
    }
  }

  /**
   * A listener on this member's map of the cache that takes 50 ms per event, on for as long as the
   * harness's {@code <name>.overload} file exists: the member's event thread falls behind the
   * writes, its queue overflows, and Hazelcast drops events, invalidations included.
   */
  private final class Slow {
    private java.util.UUID registration;

    void follow(boolean on) {
      if (hazelcast instanceof HazelcastClientProxy || on == (registration != null)) {
        return;
      }
      com.hazelcast.map.IMap<Object, Object> map = hazelcast.getMap("strata/" + MANAGER_URI + "/" + CACHE);
      try {
        if (on) {
          registration = map.addLocalEntryListener((com.hazelcast.map.listener.EntryUpdatedListener<Object, Object>) event -> {
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        } else {
          map.removeEntryListener(registration);
          registration = null;
        }
      } catch (RuntimeException e) {
        // the member may be leaving; the harness sees it in the report
      }
    }
  }

  /**
   * The workload's system of record, a plain Hazelcast map that writers write before the cache and
   * the cache's loader reads: what refresh-ahead reloads (every {@code refresh-after}) and what a
   * read-through miss loads.
   */
  public static final class Database implements CacheLoader<String, Long> {
    static volatile IMap<String, Long> map;

    @Override
    public Long load(String key) {
      return map.get(key);
    }

    @Override
    public Map<String, Long> loadAll(Iterable<? extends String> keys) {
      Map<String, Long> found = new HashMap<>();
      keys.forEach(key -> {
        Long value = map.get(key);
        if (value != null) {
          found.put(key, value);
        }
      });
      return found;
    }
  }

  /** The writer of one key: the next sequence number every 20 to 40 ms. */
  private void write(String key, long firstSeq) {
    long seq = firstSeq;
    while (running && writing) {
      seq++;
      long invoked = Micros.now();
      try {
        // cache-aside over a system of record: the database first, then the cache; a refresh-ahead
        // reload may read the database between the two, and must not overwrite the newer put
        Database.map.set(key, seq);
        cache.put(key, seq);
        log.acked(key, seq, invoked, Micros.now());
      } catch (RuntimeException e) {
        log.failedWrite(key, seq, invoked, Micros.now());
      }
      pause(20, 40);
    }
  }

  /** The reader of one key on this JVM: a read every 5 to 10 ms. */
  private void read(String key) {
    while (running) {
      long start = Micros.now();
      try {
        Long seq = cache.get(key);
        log.read(key, seq == null ? 0 : seq, start, Micros.now());
      } catch (RuntimeException e) {
        log.failedRead(key, start, Micros.now());
      }
      pause(5, 10);
    }
  }

  private void pause(int fromMillis, int toMillis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(fromMillis, toMillis + 1));
    } catch (InterruptedException e) {
      running = false;
    }
  }

  /**
   * Asks Hazelcast whether this member's backups are in sync, over and over; the cluster is safe
   * when every member says so. The question can block while a member is gone, so it has its own
   * thread, apart from the status reports. ({@code isClusterSafe} would ask every member, and
   * keeps retrying one that left for minutes.)
   */
  private void checkSafety() {
    while (running) {
      long before = changes.get();
      boolean safe;
      try {
        safe = hazelcast.getPartitionService().isLocalMemberSafe();
      } catch (RuntimeException e) {
        safe = false;
      }
      safeAt = safe && changes.get() == before ? before : -1;
      pause(100, 100);
    }
  }

  /**
   * Writes {@code <name>.status}: {@code member <cluster size> <local member safe>} or
   * {@code client <connected member addresses>}, replaced atomically so that the harness never
   * reads half a line.
   */
  /** Writes {@code <name>.refreshes}: the refresh-ahead reloads this incarnation started, stored and failed. */
  private void reportRefreshes() {
    dev.strata.cache.CacheStatistics.Loading loading = cache.unwrap(dev.strata.cache.StrataCache.class).statistics()
        .loading();
    try {
      Path tmp = dir.resolve(name + ".refreshes.tmp");
      Files.writeString(tmp, loading.refreshesStarted() + " " + loading.refreshesDone() + " " + loading.refreshesFailed());
      Files.move(tmp, dir.resolve(name + ".refreshes"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // the next tick writes it again
    }
  }

  private void reportStatus() {
    String status;
    try {
      if (hazelcast instanceof HazelcastClientProxy client) {
        StringBuilder members = new StringBuilder("client");
        for (ClientConnection connection : client.client.getConnectionManager().getActiveConnections()) {
          members.append(' ').append(connection.getRemoteAddress());
        }
        status = members.toString();
      } else {
        status = "member " + hazelcast.getCluster().getMembers().size() + " " + (safeAt == changes.get());
      }
    } catch (RuntimeException e) {
      status = "unknown " + e.getClass().getSimpleName();
    }
    try {
      Path tmp = dir.resolve(name + ".status.tmp");
      Files.writeString(tmp, status + "\n");
      Files.move(tmp, dir.resolve(name + ".status"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the next report tries again; the harness waits on status with a bound of its own
    }
  }
}
