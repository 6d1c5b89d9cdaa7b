package dev.strata.cache;

import dev.strata.cache.spi.StrataCachingProvider;
import java.io.StringReader;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.MutableConfiguration;

/**
 * Test fixture, run in a JVM of its own by {@link LeaseTakeoverTest}: a Strata client that takes
 * the single-flight lease of key {@code hot} of cache {@code flights}, says {@code LEADING} on its
 * standard output, and computes forever, until the test kills it with SIGKILL. Its only argument is
 * its Strata properties, in {@code Properties} text form.
 */
public final class LeaseHolder {

  private LeaseHolder() {
  }

  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    properties.load(new StringReader(args[0]));
    StrataCachingProvider provider = new StrataCachingProvider();
    StrataCacheManager manager = (StrataCacheManager) provider.getCacheManager(Cluster.URI,
        LeaseHolder.class.getClassLoader(), properties);
    StrataCache<String, String> cache = manager.createCache("flights", new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)).unwrap(StrataCache.class);
    cache.freshness().computeOnce("hot", () -> {
      System.out.println("LEADING");
      System.out.flush();
      // bounded, as every loop of the tests is: the test kills this JVM long before
      TimeUnit.MINUTES.sleep(2);
      return "never";
    }, () -> cache.get("hot"));
    System.exit(1);
  }
}
