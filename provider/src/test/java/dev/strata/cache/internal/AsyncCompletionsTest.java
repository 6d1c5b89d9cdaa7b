package dev.strata.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncCompletionsTest {

  @Test
  void pooled_onASmallMachine_replacesHazelcastsThreadPerTaskExecutor_andOnlyThat() {
    Executor before = ConcurrencyUtil.getDefaultAsyncExecutor();
    try {
      AsyncCompletions.pooled();
      if (ForkJoinPool.getCommonPoolParallelism() <= 1) {
        assertThat(AsyncCompletions.active()).as("Hazelcast's answers on Strata's pool").isTrue();
        AtomicReference<Thread> ran = new AtomicReference<>();
        ConcurrencyUtil.getDefaultAsyncExecutor().execute(() -> ran.set(Thread.currentThread()));
        await().until(() -> ran.get() != null);
        assertThat(ran.get().getName()).isEqualTo("strata-hazelcast-async");
        assertThat(ran.get().isDaemon()).isTrue();
      } else {
        assertThat(ConcurrencyUtil.getDefaultAsyncExecutor()).as("the common pool serves").isSameAs(before);
      }
      Executor chosen = Runnable::run;
      ConcurrencyUtil.setDefaultAsyncExecutor(chosen);
      AsyncCompletions.pooled();
      assertThat(ConcurrencyUtil.getDefaultAsyncExecutor()).as("an executor someone chose stays").isSameAs(chosen);
    } finally {
      ConcurrencyUtil.setDefaultAsyncExecutor(before);
    }
  }

  @Test
  void threadPerTask_recognisesHazelcastsFallbackOnly() {
    assertThat(AsyncCompletions.threadPerTask(ForkJoinPool.commonPool())).isFalse();
    assertThat(AsyncCompletions.threadPerTask(Runnable::run)).isFalse();
  }
}
