package io.relevo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Engine API calls the runtime makes, each translating "engine not reached" into a {@link
 * io.relevo.core.RelevoException} that names the socket tried.
 */
final class Engine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // Pulls and large log reads take long; every other call answers in milliseconds.
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

  private final DockerHost host;
  private final DockerClient client;

  private Engine(DockerHost host, DockerClient client) {
    this.host = host;
    this.client = client;
  }

  static Engine connect(DockerHost host) {
    return connect(host, RESPONSE_TIMEOUT);
  }

  /**
   * A client for streams that stay open as long as a container runs (followed logs): without a
   * response timeout, since a quiet service writes nothing for hours.
   */
  static Engine connectForStreams(DockerHost host) {
    return connect(host, null);
  }

  private static Engine connect(DockerHost host, Duration responseTimeout) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.uri().toString())
            .withDockerTlsVerify(false)
            .build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(host.uri())
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(responseTimeout)
            .build();
    return new Engine(host, DockerClientImpl.getInstance(config, http));
  }

  DockerHost host() {
    return host;
  }

  DockerClient client() {
    return client;
  }

  /** Runs one call; a failure to reach the engine becomes UNAVAILABLE naming the socket. */
  <T> T call(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw EngineErrors.translate(host, doing, e);
    }
  }

  void run(String doing, Runnable call) {
    call(
        doing,
        () -> {
          call.run();
          return null;
        });
  }

  /** Throws UNAVAILABLE when the engine does not answer its ping. */
  void ping() {
    run("reach the Docker engine", () -> client.pingCmd().exec());
  }

  Optional<InspectContainerResponse> inspect(String id) {
    try {
      return Optional.of(
          call("inspect container " + id, () -> client.inspectContainerCmd(id).exec()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the container, running or not. Idempotent: one already removed, or being removed, is
   * left to the engine. Throws only UNAVAILABLE, when the engine is not reached.
   */
  void forceRemove(String id) {
    try {
      run("remove container " + id, () -> client.removeContainerCmd(id).withForce(true).exec());
    } catch (NotFoundException e) {
      // Already removed.
    } catch (DockerException e) {
      // A removal already in progress answers 409; the engine finishes it.
      log.debug("removing container {}: {}", id, EngineErrors.engineMessage(e));
    }
  }

  /**
   * The last {@code lines} lines of stdout and stderr, oldest first, in the order the engine logged
   * them: it copies the two streams apart, so lines of both written within milliseconds may swap.
   */
  List<String> logTail(String id, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ResultCallback.Adapter<Frame> callback =
          call(
              "read the logs of container " + id,
              () ->
                  client
                      .logContainerCmd(id)
                      .withStdOut(true)
                      .withStdErr(true)
                      .withTail(lines)
                      .exec(
                          new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                              synchronized (out) {
                                out.writeBytes(frame.getPayload());
                              }
                            }
                          }));
      callback.awaitCompletion(LOG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (NotFoundException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    return lastLines(text, lines);
  }

  static List<String> lastLines(String text, int lines) {
    if (text.isEmpty()) {
      return List.of();
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> all = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      all.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (java.io.IOException e) {
      // Closing only frees pooled connections; nothing to report.
    }
  }
}
