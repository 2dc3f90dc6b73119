package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo init [DIR]}: writes a commented relevo.yml for the project in DIR. A Dockerfile
 * means {@code runtime.type: docker}; a jar (in target/, build/libs/ or DIR) means a process that
 * runs it; otherwise a process whose command is left to fill in. The file is checked by relevo's
 * own loader before it is written, and an existing one is never overwritten.
 */
@Command(
    name = "init",
    description = {
      "Write a commented relevo.yml for a project: a Dockerfile means docker, a jar means process.",
      "No agent needed; an existing relevo.yml is kept (exit 2)."
    })
final class InitCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "the project (default: .)")
  Path dir = Path.of(".");

  @Option(
      names = "--app",
      paramLabel = "NAME",
      description = "the app's name (default: DIR's name)")
  String app;

  InitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path project = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(project)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          dir + ": no such folder (expected: the project's folder)");
    }
    String name = app != null ? app : nameOf(project);
    String kind;
    String text;
    if (Files.exists(project.resolve("Dockerfile"))) {
      kind = "a Dockerfile: runtime docker";
      text = InitTemplates.docker(name);
    } else {
      Optional<Path> jar = jar(project);
      kind =
          jar.map(j -> "a jar (" + project.relativize(j) + "): runtime process")
              .orElse("no Dockerfile or jar: runtime process, command to fill in");
      text =
          InitTemplates.process(
              name, jar.map(j -> project.relativize(j).toString().replace('\\', '/')).orElse(null));
    }
    // The template must load as is: a config relevo.yml cannot read would be a poor start.
    ConfigLoader.parse("relevo.yml", text, Map.of());
    Path file = project.resolve("relevo.yml");
    try {
      Files.writeString(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          file + " exists; relevo init does not overwrite it (expected: a project without one)");
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, file + ": cannot write: " + e.getMessage());
    }
    context.out().println("wrote " + file + " for " + name + " (found " + kind + ")");
    context
        .out()
        .println(
            "next: relevo validate -f " + file + ", then relevo deploy " + name + " --version V");
    context.out().flush();
    return ExitCodes.OK;
  }

  /** The folder's name as an app name: lower case, dashes for anything else, a letter first. */
  static String nameOf(Path project) {
    Path fileName = project.getFileName();
    String raw = fileName == null ? "app" : fileName.toString().toLowerCase(Locale.ROOT);
    String name = raw.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
      name = "app-" + name;
    }
    return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
  }

  private static Optional<Path> jar(Path project) {
    for (Path folder :
        new Path[] {project.resolve("target"), project.resolve("build/libs"), project}) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        Optional<Path> jar =
            files
                .filter(f -> f.getFileName().toString().endsWith(".jar"))
                .filter(
                    f ->
                        !f.getFileName()
                            .toString()
                            .matches(".*-(sources|javadoc|tests|plain)\\.jar"))
                .sorted()
                .findFirst();
        if (jar.isPresent()) {
          return jar;
        }
      } catch (IOException e) {
        // an unreadable folder has no jar we can use
      }
    }
    return Optional.empty();
  }
}
