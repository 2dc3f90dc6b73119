package io.relevo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.relevo.core.RelevoException;

/** Turns the API server's refusals into relevo's errors, with the next step in the message. */
final class ApiErrors {

  private ApiErrors() {}

  static RelevoException of(String doing, String namespace, KubernetesClientException e) {
    int code = e.getCode();
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    if (code == 401 || code == 403) {
      return new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          doing
              + ": the API server refused relevo's account in namespace "
              + namespace
              + " ("
              + code
              + "); grant it the Role in docs/KUBERNETES.md: "
              + reason,
          e);
    }
    if (code == 404) {
      return new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          doing + ": not found in namespace " + namespace + " (does it exist?): " + reason,
          e);
    }
    if (code == 0 || code >= 500) {
      return new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          doing
              + ": the Kubernetes API server did not answer; check the kubeconfig or the"
              + " in-cluster service account: "
              + reason,
          e);
    }
    return new RelevoException(RelevoException.Kind.FAILED, doing + ": " + reason, e);
  }
}
