package io.relevo.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code runtime} keys that only {@code type: kubernetes} reads: one Deployment and one Service
 * per revision, traffic split by a Gateway API HTTPRoute (or by replica counts). {@code command},
 * {@code env}, {@code port_env} and {@code stop_grace} stay {@link RuntimeConfig}'s own ({@code
 * command} replaces the image's entrypoint arguments, {@code stop_grace} becomes the pod's {@code
 * terminationGracePeriodSeconds}).
 *
 * @param namespace where the Deployments, Services and the HTTPRoute live, default {@code default}
 * @param image the image reference; {@code {version}} is replaced by the version; required
 * @param replicas pods per revision once it takes all traffic, default 1
 * @param containerPort the port the service listens on in the pod; required, 1..65535
 * @param envFrom whole Secrets and ConfigMaps, or single keys of them, as environment
 * @param resources requests and limits of the app's container; empty sets none
 * @param serviceAccount the pod's service account; null keeps the namespace's default
 * @param podPatch a JSON merge patch (RFC 7386) applied to the generated pod template, for anything
 *     the keys above do not say (node selectors, tolerations, sidecars); empty changes nothing
 * @param traffic how traffic is split between revisions, default {@link Traffic#GATEWAY}
 * @param gateway the Gateway the HTTPRoute attaches to, as {@code name} or {@code namespace/name};
 *     required when {@code traffic} is {@code gateway}
 * @param route the HTTPRoute relevo owns the backends of, default the app's name
 * @param hostnames the HTTPRoute's hostnames; empty matches every host of the Gateway
 */
public record KubernetesConfig(
    String namespace,
    String image,
    int replicas,
    int containerPort,
    List<EnvFrom> envFrom,
    Resources resources,
    String serviceAccount,
    Map<String, Object> podPatch,
    Traffic traffic,
    String gateway,
    String route,
    List<String> hostnames) {

  /** RFC 1123 label: what Kubernetes accepts for namespaces and names of Services. */
  static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public KubernetesConfig {
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    if (!NAME.matcher(namespace).matches() || namespace.length() > 63) {
      throw new IllegalArgumentException(
          "runtime.namespace: " + namespace + " (expected: a namespace name, like shop)");
    }
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(
          "runtime.image: " + image + " (expected: an image reference like shop:{version})");
    }
    if (replicas < 1 || replicas > 1000) {
      throw new IllegalArgumentException("runtime.replicas: " + replicas + " (expected: 1..1000)");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException(
          "runtime.container_port: " + containerPort + " (expected: 1..65535)");
    }
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    resources = resources == null ? Resources.NONE : resources;
    serviceAccount = serviceAccount == null || serviceAccount.isBlank() ? null : serviceAccount;
    podPatch = podPatch == null ? Map.of() : java.util.Collections.unmodifiableMap(podPatch);
    traffic = traffic == null ? Traffic.GATEWAY : traffic;
    gateway = gateway == null || gateway.isBlank() ? null : gateway;
    if (traffic == Traffic.GATEWAY && gateway == null) {
      throw new IllegalArgumentException(
          "runtime.gateway: null (expected: the Gateway the HTTPRoute attaches to, when traffic is"
              + " gateway)");
    }
    route = route == null || route.isBlank() ? null : route;
    hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
  }

  /** Settings with every default, split by the HTTPRoute attached to {@code gateway}. */
  public static KubernetesConfig of(String image, int containerPort, String gateway) {
    return new KubernetesConfig(
        null, image, 1, containerPort, null, null, null, null, null, gateway, null, null);
  }

  /** The HTTPRoute's name: {@code route}, else the app's name. */
  public String routeName(String app) {
    return route != null ? route : app;
  }

  /** How traffic is split between revisions. */
  public enum Traffic {
    /** By the weights of a Gateway API HTTPRoute's backendRefs: percent-exact. */
    GATEWAY,
    /**
     * By replica counts behind one Service selecting every revision: as fine as one pod in {@code
     * replicas} (with 4 replicas, a 10% step serves 1 pod in 4, 25%).
     */
    REPLICAS
  }

  /**
   * A Secret or ConfigMap as environment: all of its keys, or one {@code key} as {@code as}.
   *
   * @param source where the values come from
   * @param name the Secret's or ConfigMap's name
   * @param key one key to take, or null for all keys
   * @param as the environment variable {@code key} goes in; set exactly when {@code key} is
   */
  public record EnvFrom(Source source, String name, String key, String as) {
    public EnvFrom {
      Objects.requireNonNull(source, "source");
      if (name == null || !NAME.matcher(name).matches() && !name.matches("[a-z0-9.-]+")) {
        throw new IllegalArgumentException(
            "env_from.name: " + name + " (expected: a Secret or ConfigMap name)");
      }
      if ((key == null) != (as == null)) {
        throw new IllegalArgumentException(
            "env_from.as: " + as + " (expected: set exactly when key is, key is " + key + ")");
      }
    }

    /** Where environment comes from. */
    public enum Source {
      SECRET,
      CONFIG_MAP
    }
  }

  /**
   * The container's resource requests and limits, as Kubernetes quantities ({@code 250m}, {@code
   * 512Mi}), by resource name ({@code cpu}, {@code memory}, {@code ephemeral-storage}).
   */
  public record Resources(Map<String, String> requests, Map<String, String> limits) {
    public static final Resources NONE = new Resources(Map.of(), Map.of());

    public Resources {
      requests = requests == null ? Map.of() : Map.copyOf(requests);
      limits = limits == null ? Map.of() : Map.copyOf(limits);
    }
  }
}
