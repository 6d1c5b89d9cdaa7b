package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manager's self-test: a probe written, read from L2 and from L1, and removed, each step timed. */
class SelfTestTest {

  @Test
  void selfTest_healthyMember_passesEveryStepInOrder() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member();

      SelfTest result = node.manager().selfTest();

      assertThat(result.passed()).as(result.toString()).isTrue();
      assertThat(result.steps()).extracting(SelfTest.Step::name)
          .containsExactly("put", "read-l2", "read-l1", "remove");
      assertThat(result.steps()).allMatch(SelfTest.Step::passed).allMatch(step -> step.micros() >= 0);
      assertThat(node.manager().getCache(SelfTest.CACHE).iterator().hasNext()).as("probe entries left").isFalse();
    }
  }

  @Test
  void selfTest_l1OffForNewCaches_saysSoAndStillPasses() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member(Map.of("strata.cache.default.l1.enabled", "false"));

      SelfTest result = node.manager().selfTest();

      assertThat(result.passed()).isTrue();
      assertThat(result.steps().get(2).detail()).contains("L1 is off");
    }
  }

  @Test
  void selfTest_hazelcastStopped_failsAtTheWriteWithTheReason() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member();
      node.manager().selfTest();
      node.manager().connect().getLifecycleService().terminate();

      SelfTest result = node.manager().selfTest();

      assertThat(result.passed()).isFalse();
      assertThat(result.steps()).hasSize(1);
      assertThat(result.steps().get(0).name()).isEqualTo("put");
      assertThat(result.steps().get(0).detail()).contains("Hazelcast");
    }
  }
}
