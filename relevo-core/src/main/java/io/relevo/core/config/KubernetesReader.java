package io.relevo.core.config;

import io.relevo.core.config.KubernetesConfig.EnvFrom;
import io.relevo.core.config.KubernetesConfig.Resources;
import io.relevo.core.config.KubernetesConfig.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code runtime} keys of {@code type: kubernetes} into a {@link KubernetesConfig}. */
final class KubernetesReader {

  /** The keys only {@code type: kubernetes} reads, in the order the docs list them. */
  static final List<String> KEYS =
      List.of(
          "namespace",
          "image",
          "replicas",
          "container_port",
          "env_from",
          "resources",
          "service_account",
          "pod_patch",
          "traffic",
          "gateway",
          "route",
          "hostnames");

  private static final Pattern IMAGE = Pattern.compile("[^\\s]+");
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  private static final Pattern GATEWAY =
      Pattern.compile("([a-z0-9][-a-z0-9]*/)?[a-z0-9][-a-z0-9.]*");
  private static final Pattern HOSTNAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final List<String> RESOURCE_NAMES = List.of("cpu", "memory", "ephemeral-storage");
  private static final Map<String, Traffic> TRAFFIC = new LinkedHashMap<>();

  static {
    TRAFFIC.put("gateway", Traffic.GATEWAY);
    TRAFFIC.put("replicas", Traffic.REPLICAS);
  }

  private KubernetesReader() {}

  /** Returns the settings, or null after reporting what is missing or wrong. */
  static KubernetesConfig read(MapReader runtime) {
    String namespace = name(runtime.get("namespace"), "a namespace name, like shop");
    String image =
        runtime
            .get("image")
            .required("an image reference like registry.example.com/shop:{version}")
            .text(
                "an image reference like shop:{version}", s -> IMAGE.matcher(s.strip()).matches());
    Integer replicas = runtime.get("replicas").integer(1, 1000);
    Integer containerPort =
        runtime
            .get("container_port")
            .required("the port the service listens on in the pod, like 8000")
            .integer(1, 65535);
    List<EnvFrom> envFrom = envFrom(runtime.get("env_from"));
    Resources resources = resources(runtime.get("resources"));
    String serviceAccount = name(runtime.get("service_account"), "a service account name");
    Value patchValue = runtime.get("pod_patch");
    Map<String, Object> podPatch = null;
    if (patchValue.isSet()) {
      if (patchValue.node() instanceof YamlNode.Mapping mapping) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(mapping);
        podPatch = map;
      } else {
        patchValue.problem(
            patchValue.node().describe()
                + " (expected: a map merged into the pod template, like {spec: {nodeSelector:"
                + " {pool: web}}})");
      }
    }
    Value trafficValue = runtime.get("traffic");
    Traffic traffic = trafficValue.oneOf(TRAFFIC);
    Value gatewayValue = runtime.get("gateway");
    String gateway =
        gatewayValue.text(
            "a Gateway as name or namespace/name, like web or infra/web",
            s -> GATEWAY.matcher(s).matches());
    if (traffic != Traffic.REPLICAS && !gatewayValue.isSet() && !trafficValue.isSet()) {
      gatewayValue.required(
          "the Gateway the HTTPRoute attaches to, like web; or traffic: replicas when no Gateway"
              + " API is installed");
    }
    String route = name(runtime.get("route"), "an HTTPRoute name, like shop");
    List<String> hostnames = hostnames(runtime.get("hostnames"));
    if (image == null
        || containerPort == null
        || (traffic != Traffic.REPLICAS && gateway == null)) {
      return null;
    }
    return new KubernetesConfig(
        namespace,
        image.strip(),
        replicas == null ? 1 : replicas,
        containerPort,
        envFrom,
        resources,
        serviceAccount,
        podPatch,
        traffic,
        gateway,
        route,
        hostnames);
  }

  private static String name(Value value, String expected) {
    return value.text(
        expected + " (lowercase letters, digits and -)",
        s -> KubernetesConfig.NAME.matcher(s).matches() && s.length() <= 63);
  }

  private static List<EnvFrom> envFrom(Value value) {
    String expected =
        "a list of {secret: NAME} or {config_map: NAME}, each with an optional key and as";
    List<EnvFrom> sources = new ArrayList<>();
    for (Value item : value.items(expected)) {
      MapReader entry =
          MapReader.open(item, List.of("secret", "config_map", "key", "as"), List.of());
      Value secret = entry.get("secret");
      Value configMap = entry.get("config_map");
      if (secret.isSet() == configMap.isSet()) {
        item.problem(
            (secret.isSet() ? "both secret and config_map" : "neither secret nor config_map")
                + " (expected: one of them, like {secret: shop-db})");
        continue;
      }
      Value source = secret.isSet() ? secret : configMap;
      String name =
          source.text("a Secret or ConfigMap name", s -> s.matches("[a-z0-9][-a-z0-9.]*"));
      String key = entry.get("key").text("a key of the Secret or ConfigMap");
      Value asValue = entry.get("as");
      String as =
          asValue.text(
              "an environment variable name, like DB_PASSWORD",
              s -> Interpolation.VARIABLE_NAME.matcher(s).matches());
      if (key != null && as == null && !asValue.isSet()) {
        asValue.required("the environment variable the key goes in, when key is set");
        continue;
      }
      if (key == null && as != null) {
        asValue.problem("set without key (expected: key: NAME with it, or no as)");
        continue;
      }
      if (name != null) {
        sources.add(
            new EnvFrom(
                secret.isSet() ? EnvFrom.Source.SECRET : EnvFrom.Source.CONFIG_MAP, name, key, as));
      }
    }
    return sources;
  }

  private static Resources resources(Value value) {
    MapReader resources = MapReader.open(value, List.of("requests", "limits"), List.of());
    return new Resources(
        quantities(resources.get("requests")), quantities(resources.get("limits")));
  }

  private static Map<String, String> quantities(Value value) {
    Map<String, String> quantities =
        value.stringMap("cpu, memory or ephemeral-storage", RESOURCE_NAMES::contains);
    if (quantities == null) {
      return null;
    }
    Map<String, String> valid = new LinkedHashMap<>();
    quantities.forEach(
        (name, quantity) -> {
          if (QUANTITY.matcher(quantity.strip()).matches()) {
            valid.put(name, quantity.strip());
          } else {
            value
                .context()
                .problem(
                    value.node().line(),
                    ConfigPaths.key(value.path(), name),
                    "\""
                        + quantity
                        + "\" (expected: a Kubernetes quantity, like 250m, 0.5, 512Mi or 1Gi)");
          }
        });
    return valid;
  }

  private static List<String> hostnames(Value value) {
    List<String> hostnames = value.strings("a list of hostnames, like [shop.example.com]");
    if (hostnames == null) {
      return null;
    }
    for (String hostname : hostnames) {
      if (!HOSTNAME.matcher(hostname).matches()) {
        value.problem(
            "\"" + hostname + "\" (expected: a lowercase hostname, like shop.example.com)");
        return null;
      }
    }
    return hostnames;
  }

  private static Object number(String text) {
    try {
      return text.matches("-?[0-9]+") ? (Object) Long.parseLong(text) : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return text; // 0x1F, .inf: the API server judges them
    }
  }

  /** A YAML subtree as plain maps, lists, strings, numbers and booleans, for the pod patch. */
  private static Object plain(YamlNode node) {
    return switch (node) {
      case YamlNode.Mapping mapping -> {
        Map<String, Object> map = new LinkedHashMap<>();
        mapping.entries().forEach(e -> map.put(e.key(), plain(e.value())));
        yield map;
      }
      case YamlNode.Sequence sequence -> {
        List<Object> list = new ArrayList<>();
        sequence.items().forEach(item -> list.add(plain(item)));
        yield list;
      }
      case YamlNode.Scalar scalar -> scalar(scalar);
    };
  }

  private static Object scalar(YamlNode.Scalar scalar) {
    return switch (scalar.kind()) {
      case NULL -> null;
      case BOOLEAN -> Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT));
      case NUMBER -> number(scalar.text());
      case STRING -> scalar.text();
    };
  }
}
