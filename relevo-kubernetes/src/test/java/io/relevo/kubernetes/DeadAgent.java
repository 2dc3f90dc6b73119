package io.relevo.kubernetes;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.Router;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import io.relevo.core.runtime.RuntimeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * An agent that can die mid-rollout: once {@link #die()} is called, every call its engine makes to
 * the cluster blocks forever, as if the process were gone, so that nothing it would still do
 * reaches the cluster or the history while a new agent recovers.
 */
final class DeadAgent {

  private final CountDownLatch never = new CountDownLatch(1);
  private volatile boolean dead;

  void die() {
    dead = true;
  }

  private void check() {
    if (dead) {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the agent is dead");
      }
    }
  }

  RuntimeProvider runtime(RuntimeProvider runtime) {
    return new RuntimeProvider() {
      @Override
      public Instance start(RevisionSpec spec) {
        check();
        return wrap(runtime.start(spec));
      }

      @Override
      public Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
        check();
        return runtime.adopt(spec, record).map(i -> wrap(i));
      }

      @Override
      public void stop(Instance instance, Duration grace) {
        check();
        runtime.stop(((Wrapped) instance).inner, grace);
      }
    };
  }

  private record Wrapped(Instance inner, DeadAgent agent) implements Instance {
    @Override
    public InstanceRecord record() {
      return inner.record();
    }

    @Override
    public Endpoint endpoint() {
      return inner.endpoint();
    }

    @Override
    public boolean isAlive() {
      agent.check();
      return inner.isAlive();
    }

    @Override
    public Optional<Integer> exitCode() {
      return inner.exitCode();
    }

    @Override
    public List<String> logTail(int lines) {
      return inner.logTail(lines);
    }
  }

  private Instance wrap(Instance instance) {
    return new Wrapped(instance, this);
  }

  Router router(Router router) {
    return new Router() {
      @Override
      public void open(String app, HostPort listen, ProxyConfig settings) {
        check();
        router.open(app, listen, settings);
      }

      @Override
      public void route(String app, TrafficSplit split) {
        check();
        router.route(app, split);
      }

      @Override
      public TrafficSplit current(String app) {
        check();
        return router.current(app);
      }

      @Override
      public DrainResult drain(String app, int revision, Duration timeout) {
        check();
        return router.drain(app, revision, timeout);
      }

      @Override
      public void close(String app) {
        check();
        router.close(app);
      }
    };
  }
}
