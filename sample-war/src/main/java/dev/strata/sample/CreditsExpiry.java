package dev.strata.sample;

import dev.strata.cache.StrataExpiry;
import dev.strata.ee.NamedCache;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a user's credits stay cached, chosen from the balance: {@code credits.ttl} (15 minutes),
 * but {@code credits.empty-ttl} (60 seconds) once the balance is 0, so that a top-up shows soon.
 * A bean that names its cache: Strata applies it to {@code credits} on every server.
 */
@Dependent
@NamedCache("credits")
public class CreditsExpiry implements StrataExpiry<Object, Object> {

  @Inject
  @ConfigProperty(name = "credits.ttl", defaultValue = "PT15M")
  Duration ttl;

  @Inject
  @ConfigProperty(name = "credits.empty-ttl", defaultValue = "PT60S")
  Duration emptyTtl;

  @Override
  public Duration expireAfterCreate(Object user, Object balance) {
    return balance instanceof Long credits && credits == 0 ? emptyTtl : ttl;
  }
}
