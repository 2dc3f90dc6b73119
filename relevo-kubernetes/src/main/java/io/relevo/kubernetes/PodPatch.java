package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code runtime.pod_patch} to a generated pod template as a JSON merge patch (RFC 7386):
 * maps merge key by key, a null removes a key, anything else (lists included) replaces.
 */
final class PodPatch {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private PodPatch() {}

  static PodTemplateSpec apply(PodTemplateSpec template, Map<String, Object> patch) {
    if (patch.isEmpty()) {
      return template;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = JSON.convertValue(template, Map.class);
    Object merged = merge(tree, patch);
    try {
      return JSON.convertValue(merged, PodTemplateSpec.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "runtime.pod_patch: "
              + patch
              + " (expected: fields of a pod template, like {spec: {nodeSelector: {pool: web}}}): "
              + e.getMessage(),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  static Object merge(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> patchMap)) {
      return patch instanceof List<?> list ? new java.util.ArrayList<>(list) : patch;
    }
    Map<String, Object> result =
        target instanceof Map<?, ?> targetMap
            ? new LinkedHashMap<>((Map<String, Object>) targetMap)
            : new LinkedHashMap<>();
    patchMap.forEach(
        (key, value) -> {
          if (value == null) {
            result.remove((String) key);
          } else {
            result.put((String) key, merge(result.get((String) key), value));
          }
        });
    return result;
  }
}
