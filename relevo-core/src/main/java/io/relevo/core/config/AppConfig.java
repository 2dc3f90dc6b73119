package io.relevo.core.config;

import io.relevo.core.analysis.AnalysisTemplate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One app's {@code relevo.yml}, parsed and validated. Every section has defaults, so a config that
 * names only {@code app} and {@code runtime.command} is complete.
 *
 * @param app the app's name: lower-case letters, digits and dashes
 * @param env the environment label, default {@code production}
 * @param runtime how revisions run
 * @param listen the proxy's front door, default {@code 127.0.0.1:8080}
 * @param health readiness and liveness checks
 * @param smoke checks run against a new revision at 0% traffic, before any switch
 * @param strategy how traffic moves to a new revision
 * @param rollback how long a previous revision is kept warm
 * @param proxy timeouts of the proxy for this app
 * @param source where the config came from (file name and raw text), for history and re-reads
 * @param analysis the analyses canary steps refer to, by name; {@code default} is always there (the
 *     runbooks' three rules unless the config redefines it)
 * @param gates what must hold before a deploy starts (secrets, window); none by default
 * @param hooks commands run before and after deploys and rollbacks; none by default
 * @param notifications ({@code notify:}) where notices of rollouts go (Slack, webhook, mail); none
 *     by default
 * @param verify checks sent to the front door ({@code listen}) after promotion and during the watch
 *     after promotion; a failure rolls back; none by default
 * @param migrations the database work of a deploy (backup first); none by default
 */
public record AppConfig(
    String app,
    String env,
    RuntimeConfig runtime,
    HostPort listen,
    HealthConfig health,
    List<SmokeCheck> smoke,
    StrategyConfig strategy,
    RollbackConfig rollback,
    ProxyConfig proxy,
    ConfigSource source,
    Map<String, AnalysisTemplate> analysis,
    GatesConfig gates,
    HooksConfig hooks,
    List<NotifyChannel> notifications,
    List<SmokeCheck> verify,
    MigrationsConfig migrations) {

  public AppConfig {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(runtime, "runtime");
    env = env == null ? "production" : env;
    listen = listen == null ? HostPort.parse("127.0.0.1:8080") : listen;
    health = health == null ? HealthConfig.defaults() : health;
    smoke = smoke == null ? List.of() : List.copyOf(smoke);
    strategy = strategy == null ? new StrategyConfig.BlueGreen() : strategy;
    rollback = rollback == null ? RollbackConfig.defaults() : rollback;
    proxy = proxy == null ? ProxyConfig.defaults() : proxy;
    source = source == null ? ConfigSource.inline("") : source;
    var templates = new java.util.TreeMap<String, AnalysisTemplate>();
    templates.put("default", AnalysisTemplate.defaults());
    if (analysis != null) {
      templates.putAll(analysis);
    }
    analysis = java.util.Collections.unmodifiableMap(templates);
    gates = gates == null ? GatesConfig.none() : gates;
    hooks = hooks == null ? HooksConfig.none() : hooks;
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    verify = verify == null ? List.of() : List.copyOf(verify);
    migrations = migrations == null ? MigrationsConfig.none() : migrations;
  }

  /** A config without gates, hooks, notifications, verification checks or migrations. */
  public AppConfig(
      String app,
      String env,
      RuntimeConfig runtime,
      HostPort listen,
      HealthConfig health,
      List<SmokeCheck> smoke,
      StrategyConfig strategy,
      RollbackConfig rollback,
      ProxyConfig proxy,
      ConfigSource source,
      Map<String, AnalysisTemplate> analysis) {
    this(
        app, env, runtime, listen, health, smoke, strategy, rollback, proxy, source, analysis, null,
        null, null, null, null);
  }

  /** A config with only the default analysis. */
  public AppConfig(
      String app,
      String env,
      RuntimeConfig runtime,
      HostPort listen,
      HealthConfig health,
      List<SmokeCheck> smoke,
      StrategyConfig strategy,
      RollbackConfig rollback,
      ProxyConfig proxy,
      ConfigSource source) {
    this(app, env, runtime, listen, health, smoke, strategy, rollback, proxy, source, null);
  }
}
