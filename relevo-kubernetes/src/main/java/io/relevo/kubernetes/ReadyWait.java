package io.relevo.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.relevo.core.RelevoException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Waits until a revision's Deployment has all its replicas ready (the pods' readiness probes), and
 * refuses it as soon as a pod fails for good (crash loop, image pull) or when {@code timeout} runs
 * out, with the pods' last events and log lines in the message.
 */
final class ReadyWait {

  static final int LAST_LINES = 10;
  private static final Duration POLL = Duration.ofMillis(250);

  private final InstantSource clock;
  private final PodDiagnosis diagnosis;

  ReadyWait(InstantSource clock, PodDiagnosis diagnosis) {
    this.clock = clock;
    this.diagnosis = diagnosis;
  }

  void await(KubernetesInstance instance, int replicas, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    String what = "deployment " + instance.namespace() + "/" + instance.name();
    while (true) {
      Optional<Deployment> deployment = instance.deployment();
      if (deployment.isEmpty()) {
        throw new RelevoException(
            RelevoException.Kind.FAILED, what + " disappeared while starting; was it deleted?");
      }
      List<Pod> pods = diagnosis.pods(instance.namespace(), instance.app(), instance.revision());
      Optional<String> failing = PodDiagnosis.failing(pods);
      if (failing.isPresent()) {
        throw refused(what + " is failing: " + failing.get(), pods, instance);
      }
      if (ready(deployment.get()) >= replicas) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw refused(
            what
                + " has "
                + ready(deployment.get())
                + " of "
                + replicas
                + " replicas ready after "
                + timeout.toSeconds()
                + "s (health.ready_timeout)",
            pods,
            instance);
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RelevoException(RelevoException.Kind.FAILED, what + ": wait interrupted", e);
      }
    }
  }

  private static int ready(Deployment deployment) {
    var status = deployment.getStatus();
    return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
  }

  private RelevoException refused(String message, List<Pod> pods, KubernetesInstance instance) {
    List<String> words = diagnosis.lastWords(instance.namespace(), pods, LAST_LINES);
    return new RelevoException(
        RelevoException.Kind.FAILED,
        message
            + (words.isEmpty()
                ? "; no events or log lines yet"
                : "; last events and log lines:\n  " + String.join("\n  ", words)));
  }
}
