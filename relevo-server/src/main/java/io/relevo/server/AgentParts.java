package io.relevo.server;

import io.relevo.core.access.TokenStore;
import io.relevo.core.engine.RolloutEngine;
import java.util.List;
import java.util.Objects;

/**
 * What an agent is made of once wired: the engine, how it parses configs, what must be closed when
 * it stops, in the order opened (closed in reverse), what {@code /metrics} serves, and the named
 * API tokens ({@link TokenStore#none()} when absent: only the local token works) and the hub of its
 * event streams.
 */
record AgentParts(
    RolloutEngine engine,
    ConfigParser parser,
    List<AutoCloseable> closeables,
    MetricsEndpoint metrics,
    TokenStore tokens,
    EventHub events) {

  AgentParts {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(parser, "parser");
    closeables = List.copyOf(closeables);
    metrics = metrics == null ? MetricsEndpoint.none() : metrics;
    tokens = tokens == null ? TokenStore.none() : tokens;
    events = events == null ? EventHub.detached(engine) : events;
  }

  /** Parts without named tokens, whose event streams carry statuses only. */
  AgentParts(
      RolloutEngine engine,
      ConfigParser parser,
      List<AutoCloseable> closeables,
      MetricsEndpoint metrics) {
    this(engine, parser, closeables, metrics, null, null);
  }

  /** Parts without metrics: {@code /metrics} answers an empty page. */
  AgentParts(RolloutEngine engine, ConfigParser parser, List<AutoCloseable> closeables) {
    this(engine, parser, closeables, null, null, null);
  }

  /** Builds the parts of an agent on a state dir. */
  @FunctionalInterface
  interface Wiring {
    AgentParts wire(StateDir stateDir);
  }
}
