package io.relevo.server;

import io.relevo.core.engine.RolloutEngine;

/**
 * What the admin API serves and who may call it.
 *
 * @param access the callers it admits
 * @param engine the rollout engine it drives
 * @param controls promote, pause and abort of a running rollout
 * @param parser reads the configs that deploys send
 * @param metrics what {@code GET /metrics} serves
 * @param events what {@code GET /api/v1/apps/{app}/events} streams
 */
record ApiParts(
    Access access,
    RolloutEngine engine,
    RolloutControls controls,
    ConfigParser parser,
    MetricsEndpoint metrics,
    EventHub events) {

  /**
   * Only callers with {@code localToken}, the engine's own controls, no metrics, and statuses only
   * on the event stream.
   */
  static ApiParts of(String localToken, RolloutEngine engine, ConfigParser parser) {
    return new ApiParts(
        Access.localOnly(localToken),
        engine,
        RolloutControls.of(engine),
        parser,
        MetricsEndpoint.none(),
        EventHub.detached(engine));
  }

  ApiParts withAccess(Access access) {
    return new ApiParts(access, engine, controls, parser, metrics, events);
  }

  ApiParts withControls(RolloutControls controls) {
    return new ApiParts(access, engine, controls, parser, metrics, events);
  }

  ApiParts withMetrics(MetricsEndpoint metrics) {
    return new ApiParts(access, engine, controls, parser, metrics, events);
  }

  ApiParts withEvents(EventHub events) {
    return new ApiParts(access, engine, controls, parser, metrics, events);
  }
}
