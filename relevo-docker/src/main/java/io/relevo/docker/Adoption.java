package io.relevo.docker;

import com.github.dockerjava.api.model.Container;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a restarted agent finds of its containers: the recorded ones it takes back, and those of an
 * app that no record claims.
 */
final class Adoption {

  private final Engine engine;
  private final LogCopies logs;
  private final Function<RevisionSpec, RuntimeConfig> settings;

  Adoption(Engine engine, LogCopies logs, Function<RevisionSpec, RuntimeConfig> settings) {
    this.engine = engine;
    this.logs = logs;
    this.settings = settings;
  }

  /**
   * The container of {@code record.id()} while it runs and its labels name this app and revision,
   * so that a container id reused for something else is not taken for the revision; its log copy
   * resumes. It is stopped with the stop signal of the current settings.
   */
  Optional<Instance> adopt(RevisionSpec spec, InstanceRecord record) {
    return engine
        .inspect(record.id())
        .filter(DockerInstance::running)
        .filter(c -> labelled(c.getConfig().getLabels(), spec.app(), spec.revision()))
        .map(
            c -> {
              DockerInstance instance =
                  new DockerInstance(
                      engine,
                      record,
                      c.getName() == null ? record.id() : c.getName().replaceFirst("^/", ""),
                      DockerSection.of(settings.apply(spec)).stopSignal());
              if (spec.logFile() != null) {
                logs.resume(instance, spec.logFile());
              }
              return instance;
            });
  }

  private static boolean labelled(Map<String, String> labels, String app, int revision) {
    return labels != null
        && app.equals(labels.get(ContainerPlan.APP_LABEL))
        && Integer.toString(revision).equals(labels.get(ContainerPlan.REVISION_LABEL));
  }

  /**
   * The running containers labelled with {@code app} whose ids no record in {@code recorded} holds.
   */
  List<StrayContainer> strays(String app, Collection<InstanceRecord> recorded) {
    Set<String> ids = recorded.stream().map(InstanceRecord::id).collect(Collectors.toSet());
    List<Container> containers =
        engine.call(
            "list the containers of " + app,
            () ->
                engine
                    .client()
                    .listContainersCmd()
                    .withLabelFilter(Map.of(ContainerPlan.APP_LABEL, app))
                    .exec());
    return containers.stream()
        .filter(c -> !ids.contains(c.getId()))
        .map(
            c ->
                new StrayContainer(
                    c.getId(),
                    c.getNames() == null || c.getNames().length == 0
                        ? c.getId()
                        : c.getNames()[0].replaceFirst("^/", ""),
                    c.getLabels() == null ? null : c.getLabels().get(ContainerPlan.REVISION_LABEL),
                    c.getLabels() == null ? null : c.getLabels().get(ContainerPlan.VERSION_LABEL)))
        .toList();
  }
}
