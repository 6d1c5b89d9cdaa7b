package dev.strata.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.ImmutableTypes;
import dev.strata.cache.copy.RejectedClassException;
import dev.strata.cache.spi.StrataCachingProvider;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.hibernate.cache.spi.support.LookalikeItem;
import org.junit.jupiter.api.Test;

/**
 * With Hibernate on the class path, Strata trusts exactly the classes Hibernate stores in its
 * regions: a class that only looks like one of them is still refused, when it is put and when
 * bytes naming it are read.
 */
class TrustTest {

  @Test
  void put_hibernateLookalikeOutsideTheTrustedSet_isRefusedNamingTheProperty() {
    CachingProvider provider = Caching.getCachingProvider(StrataCachingProvider.class.getName());
    try (CacheManager manager = provider.getCacheManager()) {
      Cache<String, Object> cache = manager.createCache("lookalike", new MutableConfiguration<String, Object>());

      assertThatThrownBy(() -> cache.put("k", new LookalikeItem("v")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Cache 'lookalike'")
          .hasMessageContaining(LookalikeItem.class.getName())
          .hasMessageContaining("strata.serialization.allow");
      assertThat(cache.containsKey("k")).as("nothing was stored").isFalse();
    }
  }

  @Test
  void decode_bytesNamingAHibernateLookalike_areRefused() {
    ClassLoader loader = TrustTest.class.getClassLoader();
    Codec permissive = new Codec(loader, new AllowList(Set.of(LookalikeItem.class.getName()), Set.of()), new ImmutableTypes(Set.of()));
    Codec defaults = new Codec(loader, new AllowList(Set.of(), Set.of()), new ImmutableTypes(Set.of()));

    assertThat(defaults.allowList().trustsHibernate()).as("Hibernate is on this class path").isTrue();
    assertThatThrownBy(() -> defaults.decode(permissive.encode(new LookalikeItem("v"), 0), 0))
        .isInstanceOf(RejectedClassException.class)
        .hasMessageContaining(LookalikeItem.class.getName());
    assertThatThrownBy(() -> defaults.decode(permissive.encodeKey(new LookalikeItem("v"), true), 0))
        .isInstanceOf(RejectedClassException.class)
        .hasMessageContaining(LookalikeItem.class.getName());
  }
}
