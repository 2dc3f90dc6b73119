package io.relevo.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Builds the test image from scratch with Debian's static busybox, so nothing is pulled: busybox's
 * httpd serves {@code /cgi-bin/healthz}, which answers 503 while {@code FAIL_HEALTH} is set. The
 * default command traps SIGTERM and exits 0, as a well-behaved service does.
 */
final class TestImages {

  static final String WEB = "relevo-it/web:v1";

  private static final String DOCKERFILE =
      """
      FROM scratch
      COPY busybox /bin/busybox
      RUN ["/bin/busybox", "--install", "-s", "/bin"]
      COPY www /www
      RUN ["/bin/chmod", "-R", "755", "/www"]
      ENV PATH=/bin
      CMD ["/bin/sh", "-c", "trap 'echo stopping; exit 0' TERM; echo \\"serving $RELEVO_VERSION on $PORT\\"; httpd -f -vv -p \\"$PORT\\" -h /www & wait"]
      """;

  private static final String HEALTHZ =
      """
      #!/bin/sh
      if [ -n "$FAIL_HEALTH" ]; then
        printf 'Status: 503 Service Unavailable\\r\\nContent-Type: text/plain\\r\\n\\r\\nunhealthy\\n'
      else
        printf 'Content-Type: text/plain\\r\\n\\r\\nok %s\\n' "$RELEVO_VERSION"
      fi
      """;

  private TestImages() {}

  /** Builds {@link #WEB} once per engine; a second call finds it there. */
  static synchronized void buildWeb(DockerClient client, Path workDir) throws IOException {
    try {
      client.inspectImageCmd(WEB).exec();
      return;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      // Not built on this engine yet.
    }
    Path context = Files.createDirectories(workDir.resolve("image-context"));
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    Files.copy(DockerEngineCheck.BUSYBOX, context.resolve("busybox"));
    Path healthz = Files.createDirectories(context.resolve("www/cgi-bin")).resolve("healthz");
    Files.writeString(healthz, HEALTHZ);
    Files.setPosixFilePermissions(healthz, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(context.resolve("www/index.html"), "hello\n");
    client
        .buildImageCmd(context.toFile())
        .withTags(Set.of(WEB))
        .withPull(false)
        .start()
        .awaitImageId();
  }
}
