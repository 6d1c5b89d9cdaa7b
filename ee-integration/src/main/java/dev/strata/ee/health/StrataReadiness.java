package dev.strata.ee.health;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import dev.strata.ee.cdi.StrataRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of L2: UP while Strata's Hazelcast member or client runs and is connected to its
 * cluster, DOWN with the reason otherwise. It starts the instance if nothing has yet. Losing L2
 * makes the application not ready, never not live: there is no liveness check. Thread-safe.
 */
@Readiness
@ApplicationScoped
public class StrataReadiness implements HealthCheck {

  public static final String NAME = "strata";

  @Inject
  StrataRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    HazelcastInstance instance;
    try {
      instance = runtime.manager().connect();
    } catch (RuntimeException e) {
      return response.down().withData("reason", "Hazelcast could not start or connect: " + e.getMessage()).build();
    }
    if (!instance.getLifecycleService().isRunning()) {
      return response.down().withData("reason", "the Hazelcast instance is not running").build();
    }
    boolean client = instance instanceof HazelcastClientProxy;
    response.withData("mode", client ? "client" : "member").withData("instance", instance.getName());
    try {
      if (client) {
        if (!runtime.manager().isConnected()) {
          return response.down().withData("reason", "the Hazelcast client is not connected to its cluster").build();
        }
      } else {
        ClusterState state = instance.getCluster().getClusterState();
        response.withData("clusterState", state.name());
        if (state != ClusterState.ACTIVE) {
          return response.down().withData("reason", "the Hazelcast cluster is " + state + ", not ACTIVE").build();
        }
      }
      return response.up().withData("members", instance.getCluster().getMembers().size()).build();
    } catch (RuntimeException e) {
      return response.down().withData("reason", "Hazelcast did not answer: " + e).build();
    }
  }
}
