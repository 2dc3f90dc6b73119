package io.relevo.server;

import io.relevo.core.engine.RolloutEngine;
import java.util.List;
import java.util.Objects;

/**
 * What an agent is made of once wired: the engine, how it parses configs, and what must be closed
 * when it stops, in the order opened (closed in reverse).
 */
record AgentParts(RolloutEngine engine, ConfigParser parser, List<AutoCloseable> closeables) {

  AgentParts {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(parser, "parser");
    closeables = List.copyOf(closeables);
  }

  /** Builds the parts of an agent on a state dir. */
  @FunctionalInterface
  interface Wiring {
    AgentParts wire(StateDir stateDir);
  }
}
