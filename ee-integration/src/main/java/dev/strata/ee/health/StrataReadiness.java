package dev.strata.ee.health;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.cdi.StrataRuntime;
import dev.strata.ee.warming.CacheWarming;
import dev.strata.ee.warming.WarmingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of L2: UP while Strata's Hazelcast member runs in an ACTIVE cluster or its client is
 * connected; DOWN with the reason otherwise. A probe never waits for Hazelcast: the first one
 * starts L2 in the background (if {@code strata.hazelcast.start=eager} did not already) and reports
 * DOWN until it is up. Losing L2 makes the application not ready, never not live: there is no
 * liveness check. With L2 up, a cache marked {@code warm.required=true} holds readiness DOWN while
 * it warms (data {@code warming}: {@code products: warming 120/500}) and after its warming failed
 * (data {@code reason}), until a warming of it succeeds. A cache that served expired values
 * because their reload failed (stale-if-error) within the last minute is named in data
 * {@code degraded}, readiness staying UP. Thread-safe.
 */
@Readiness
@ApplicationScoped
public class StrataReadiness implements HealthCheck {

  public static final String NAME = "strata";

  @Inject
  StrataRuntime runtime;

  @Inject
  CacheWarming warming;

  private final StaleServes staleServes = new StaleServes();

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    StrataCacheManager manager;
    try {
      manager = runtime.manager();
    } catch (RuntimeException e) {
      return response.down().withData("reason", "the Strata cache manager could not be created: " + e.getMessage()).build();
    }
    switch (manager.l2State()) {
      case NOT_STARTED:
        return notStarted(response, runtime.startL2());
      case STOPPED:
        return response.down().withData("reason", "the Hazelcast instance has stopped; restart the application").build();
      case DISCONNECTED:
        return response.down().withData("mode", "client")
            .withData("reason", "the Hazelcast client lost its cluster and is reconnecting").build();
      default:
        return running(response, manager.hazelcastInstance());
    }
  }

  private static HealthCheckResponse notStarted(HealthCheckResponseBuilder response, CompletableFuture<Void> start) {
    if (start.isCompletedExceptionally()) {
      Throwable cause = start.handle((ignored, failure) -> failure).join();
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return response.down().withData("reason", "Hazelcast could not start or connect: " + cause.getMessage()).build();
    }
    return response.down().withData("reason", "Hazelcast is starting").build();
  }

  private HealthCheckResponse running(HealthCheckResponseBuilder response, HazelcastInstance instance) {
    if (instance == null) {
      return response.down().withData("reason", "the Hazelcast instance has stopped").build();
    }
    try {
      boolean client = instance instanceof com.hazelcast.client.impl.clientside.HazelcastClientProxy;
      response.withData("mode", client ? "client" : "member").withData("instance", instance.getName());
      if (!client) {
        ClusterState state = instance.getCluster().getClusterState();
        response.withData("clusterState", state.name());
        if (state != ClusterState.ACTIVE) {
          return response.down().withData("reason", "the Hazelcast cluster is " + state + ", not ACTIVE").build();
        }
      }
      response.withData("members", instance.getCluster().getMembers().size());
    } catch (RuntimeException e) {
      return response.down().withData("reason", "Hazelcast did not answer: " + e).build();
    }
    String warmingUp = runtime.warmingUp();
    if (warmingUp != null) {
      return response.down().withData("warmUp", warmingUp)
          .withData("reason", "Strata is warming up its request path (strata.warm-up.rounds)").build();
    }
    String degraded = staleServes.degraded(runtime.manager());
    if (degraded != null) {
      response.withData("degraded", degraded);
    }
    return warmed(response, warming.notReady());
  }

  private static HealthCheckResponse warmed(HealthCheckResponseBuilder response, List<WarmingStatus> notReady) {
    if (notReady.isEmpty()) {
      return response.up().build();
    }
    List<WarmingStatus> failed = notReady.stream().filter(s -> s.state() == WarmingStatus.State.FAILED).toList();
    List<WarmingStatus> warming = notReady.stream().filter(s -> s.state() != WarmingStatus.State.FAILED).toList();
    if (!warming.isEmpty()) {
      response.withData("warming", describe(warming));
    }
    if (!failed.isEmpty()) {
      response.withData("reason", "warming failed: " + describe(failed));
    }
    return response.down().build();
  }

  private static String describe(List<WarmingStatus> statuses) {
    return statuses.stream().map(WarmingStatus::describe).collect(Collectors.joining(", "));
  }

}
