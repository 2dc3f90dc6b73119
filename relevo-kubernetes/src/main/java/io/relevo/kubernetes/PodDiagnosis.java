package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a revision's pods say about themselves: whether one is failing for good (crash-looping, an
 * image that cannot be pulled, a config error), and its last events and log lines for the message
 * that refuses the revision. Never throws: what cannot be read is left out.
 */
final class PodDiagnosis {

  /** Waiting reasons that will not mend themselves by waiting longer. */
  static final Set<String> FAILING =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError");

  private final KubernetesClient client;

  PodDiagnosis(KubernetesClient client) {
    this.client = client;
  }

  List<Pod> pods(String namespace, String app, int revision) {
    try {
      return client
          .pods()
          .inNamespace(namespace)
          .withLabels(Names.selector(app, revision))
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  /**
   * The first pod's failing reason, like {@code pod shop-r2-x: CrashLoopBackOff (restarted 4
   * times)}.
   */
  static Optional<String> failing(List<Pod> pods) {
    for (Pod pod : pods) {
      if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
        var waiting = status.getState() == null ? null : status.getState().getWaiting();
        if (waiting != null && FAILING.contains(waiting.getReason())) {
          return Optional.of(
              "pod "
                  + pod.getMetadata().getName()
                  + ": "
                  + waiting.getReason()
                  + (status.getRestartCount() == null || status.getRestartCount() == 0
                      ? ""
                      : " (restarted " + status.getRestartCount() + " times)")
                  + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
        }
      }
    }
    return Optional.empty();
  }

  /** The last {@code lines} events of the pods, oldest first, then their last log lines. */
  List<String> lastWords(String namespace, List<Pod> pods, int lines) {
    List<String> words = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      events(namespace, name).stream()
          .skip(Math.max(0, events(namespace, name).size() - lines))
          .forEach(e -> words.add("event " + name + ": " + e.getReason() + ": " + e.getMessage()));
      for (String line : log(namespace, name, lines)) {
        words.add("log " + name + ": " + line);
      }
      if (!words.isEmpty()) {
        break; // one pod's story is enough, and short
      }
    }
    return words;
  }

  private List<Event> events(String namespace, String pod) {
    try {
      return client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> e.getInvolvedObject() != null && pod.equals(e.getInvolvedObject().getName()))
          .sorted(
              Comparator.comparing(e -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp()))
          .toList();
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  private List<String> log(String namespace, String pod, int lines) {
    try {
      String log =
          client
              .pods()
              .inNamespace(namespace)
              .withName(pod)
              .inContainer(RevisionManifests.CONTAINER)
              .tailingLines(lines)
              .getLog();
      if (log == null || log.isBlank()) {
        return List.of();
      }
      List<String> all = log.lines().toList();
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }
}
