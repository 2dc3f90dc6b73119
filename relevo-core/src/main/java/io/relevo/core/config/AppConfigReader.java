package io.relevo.core.config;

import io.relevo.core.analysis.AnalysisTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the whole document into an {@link AppConfig}, section by section. */
final class AppConfigReader {

  static final List<String> KEYS =
      List.of(
          "app",
          "env",
          "runtime",
          "listen",
          "health",
          "smoke",
          "strategy",
          "analysis",
          "rollback",
          "proxy",
          "gates",
          "hooks",
          "notify",
          "verify",
          "migrations");
  static final List<String> NOT_YET = List.of();

  private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern HOST_PORT = Pattern.compile("(.*):(\\d{1,5})");
  private static final String HOST_PORT_EXPECTED =
      "host:port with a port in 1..65535, like 127.0.0.1:8080";

  private AppConfigReader() {}

  /** Returns the config, or null when the context has problems. */
  static AppConfig read(YamlNode root, ReadContext context, ConfigSource source) {
    Value document = new Value(root, "", 1, context);
    if (!(root instanceof YamlNode.Mapping)) {
      document.problem(root.describe() + " (expected: a map of settings, starting with app: name)");
      return null;
    }
    MapReader top = MapReader.open(document, KEYS, NOT_YET);
    String app =
        top.get("app")
            .required("the app's name, like app: alojamientos")
            .text(
                "lower-case letters, digits and dashes, starting with a letter, at most 63"
                    + " characters, like alojamientos",
                s -> APP_NAME.matcher(s).matches());
    String env = top.get("env").text("a string, like production");
    RuntimeConfig runtime = RuntimeReader.read(top.get("runtime"));
    HostPort listen = listen(top.get("listen"));
    HealthConfig health = HealthReader.read(top.get("health"));
    List<SmokeCheck> smoke = SmokeReader.read(top.get("smoke"));
    Map<String, AnalysisTemplate> analysis = AnalysisReader.read(top.get("analysis"));
    Set<String> analysisNames = new TreeSet<>(analysis.keySet());
    analysisNames.add("default");
    StrategyConfig strategy = StrategyReader.read(top.get("strategy"), analysisNames);
    RollbackConfig rollback = rollback(top.get("rollback"));
    ProxyConfig proxy = ProxyReader.read(top.get("proxy"));
    GatesConfig gates = GatesReader.read(top.get("gates"));
    HooksConfig hooks = HooksReader.read(top.get("hooks"));
    List<NotifyChannel> notify = NotifyReader.read(top.get("notify"));
    List<SmokeCheck> verify = SmokeReader.read(top.get("verify"));
    MigrationsConfig migrations = MigrationsReader.read(top.get("migrations"));
    if (context.hasProblems()) {
      return null;
    }
    return new AppConfig(
        app,
        env,
        runtime,
        listen,
        health,
        smoke,
        strategy,
        rollback,
        proxy,
        source,
        analysis,
        gates,
        hooks,
        notify,
        verify,
        migrations);
  }

  private static HostPort listen(Value value) {
    String text = value.text(HOST_PORT_EXPECTED);
    if (text == null) {
      return null;
    }
    var matcher = HOST_PORT.matcher(text.trim());
    String port = matcher.matches() ? matcher.group(2) : text.trim();
    String host = matcher.matches() ? matcher.group(1) : "";
    if (!port.matches("\\d{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535
        || (matcher.matches() && host.isBlank() && !text.trim().startsWith(":"))) {
      value.problem(value.show(text) + " (expected: " + HOST_PORT_EXPECTED + ")");
      return null;
    }
    return HostPort.parse(text.trim());
  }

  private static RollbackConfig rollback(Value value) {
    MapReader rollback =
        MapReader.open(value, List.of("keep_previous", "watch_after_promotion"), List.of());
    return new RollbackConfig(
        rollback.get("keep_previous").duration(true),
        rollback.get("watch_after_promotion").duration(true));
  }
}
