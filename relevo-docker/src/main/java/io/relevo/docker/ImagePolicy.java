package io.relevo.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.relevo.core.RelevoException;
import io.relevo.core.config.DockerConfig;

/** Makes sure the engine has a revision's image, pulling it as the pull policy allows. */
final class ImagePolicy {

  private ImagePolicy() {}

  static void ensure(Engine engine, String image, DockerConfig.Pull pull, String what) {
    boolean present = present(engine, image);
    switch (pull) {
      case NEVER -> {
        if (!present) {
          throw new RelevoException(
              RelevoException.Kind.BAD_INPUT,
              "cannot start "
                  + what
                  + ": image "
                  + image
                  + " not found on the Docker engine at "
                  + engine.host().describe()
                  + " and runtime.pull is never (expected: build or load the image on this engine"
                  + " first, or set runtime.pull: missing)");
        }
      }
      case MISSING -> {
        if (!present) {
          pull(engine, image, what);
        }
      }
      case ALWAYS -> pull(engine, image, what);
    }
  }

  private static boolean present(Engine engine, String image) {
    try {
      engine.run("inspect image " + image, () -> engine.client().inspectImageCmd(image).exec());
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static void pull(Engine engine, String image, String what) {
    try {
      engine.run(
          "pull image " + image,
          () -> {
            try {
              engine
                  .client()
                  .pullImageCmd(image)
                  .exec(new PullImageResultCallback())
                  .awaitCompletion();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new RelevoException(
                  RelevoException.Kind.FAILED, "cannot start " + what + ": pull interrupted");
            }
          });
    } catch (NotFoundException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "cannot start "
              + what
              + ": image "
              + image
              + " not found: the registry refused the pull: "
              + EngineErrors.engineMessage(e)
              + " (expected: an image that exists, with its tag)",
          e);
    } catch (DockerException | DockerClientException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "cannot start "
              + what
              + ": pulling image "
              + image
              + " failed: "
              + EngineErrors.engineMessage(e)
              + " (set runtime.pull: never to use only images already on this engine)",
          e);
    }
  }
}
