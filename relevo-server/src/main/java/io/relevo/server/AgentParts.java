package io.relevo.server;

import io.relevo.core.engine.RolloutEngine;
import java.util.List;
import java.util.Objects;

/**
 * What an agent is made of once wired: the engine, how it parses configs, what must be closed when
 * it stops, in the order opened (closed in reverse), and what {@code /metrics} serves.
 */
record AgentParts(
    RolloutEngine engine,
    ConfigParser parser,
    List<AutoCloseable> closeables,
    MetricsEndpoint metrics,
    EventHub events) {

  AgentParts {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(parser, "parser");
    closeables = List.copyOf(closeables);
    metrics = metrics == null ? MetricsEndpoint.none() : metrics;
    events = events == null ? EventHub.detached(engine) : events;
  }

  /** Parts whose event streams carry statuses only: the engine tells no {@link EventHub}. */
  AgentParts(
      RolloutEngine engine,
      ConfigParser parser,
      List<AutoCloseable> closeables,
      MetricsEndpoint metrics) {
    this(engine, parser, closeables, metrics, null);
  }

  /** Parts without metrics: {@code /metrics} answers an empty page. */
  AgentParts(RolloutEngine engine, ConfigParser parser, List<AutoCloseable> closeables) {
    this(engine, parser, closeables, null, null);
  }

  /** Builds the parts of an agent on a state dir. */
  @FunctionalInterface
  interface Wiring {
    AgentParts wire(StateDir stateDir);
  }
}
