package io.relevo.server;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.relevo.example.alojamientos.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image of the demo app that pulls nothing: {@code FROM scratch} with a jlink'd Java runtime
 * (java.base, jdk.httpserver, java.net.http), the shared libraries that runtime links against
 * (found with {@code ldd}), and the app's jar. Built once per engine and JDK: its tag holds a hash
 * of the jar and the Java version, so a second run finds it, and a changed app gets a new image.
 */
final class DemoAppImage {

  /** The repository the versions are tagged in: {@code image: relevo-it/alojamientos:{version}}. */
  static final String REPOSITORY = "relevo-it/alojamientos";

  static final int PORT = 8000;
  private static final String MODULES = "java.base,jdk.httpserver,java.net.http";
  private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private DemoAppImage() {}

  /**
   * Makes sure the image exists on the engine and tags it {@code REPOSITORY:version} for each of
   * {@code versions}; returns the build tag.
   */
  static synchronized String ensure(DockerClient client, Path workDir, String... versions)
      throws IOException, InterruptedException {
    Path app = appJar();
    String tag = REPOSITORY + ":build-" + hash(app);
    if (!present(client, tag)) {
      Path context = Files.createTempFile(workDir, "image-context", ".tar");
      writeContext(app, workDir.resolve("image"), context);
      try (InputStream tar = Files.newInputStream(context)) {
        client.buildImageCmd(tar).withTags(Set.of(tag)).withPull(false).start().awaitImageId();
      }
      Files.delete(context);
    }
    for (String version : versions) {
      client.tagImageCmd(tag, REPOSITORY, version).withForce().exec();
    }
    return tag;
  }

  private static boolean present(DockerClient client, String tag) {
    try {
      client.inspectImageCmd(tag).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** The demo app's jar, where the test's class path found it. */
  static Path appJar() {
    try {
      Path location =
          Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw new IllegalStateException(
            "the demo app is at "
                + location
                + " (expected: its jar; build examples/alojamientos"
                + " by running the tests from the root: `./mvnw -pl relevo-server -am verify`)");
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeContext(Path app, Path scratch, Path context)
      throws IOException, InterruptedException {
    Path runtime = scratch.resolve("java");
    if (Files.exists(runtime)) {
      try (Stream<Path> old = Files.walk(runtime)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(scratch);
    run(
        Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
        "--add-modules",
        MODULES,
        "--strip-debug",
        "--no-header-files",
        "--no-man-pages",
        "--output",
        runtime.toString());
    try (OutputStream file = Files.newOutputStream(context);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      addText(tar, "Dockerfile", dockerfile());
      addTree(tar, runtime, "rootfs/opt/java");
      addFile(tar, app, "rootfs/app/alojamientos.jar");
      for (String library : libraries(runtime)) {
        // Copied as files, symlinks followed: the image has no /lib to point into.
        addFile(tar, Path.of(library), "rootfs" + library);
      }
      TarArchiveEntry tmp = new TarArchiveEntry("rootfs/tmp/");
      tmp.setMode(01777);
      tar.putArchiveEntry(tmp);
      tar.closeArchiveEntry();
    }
  }

  private static String dockerfile() {
    return """
        FROM scratch
        COPY rootfs/ /
        LABEL io.relevo.test=demo-app
        ENV PATH=/opt/java/bin
        EXPOSE %d
        CMD ["/opt/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", \
        "-cp", "/app/alojamientos.jar", "io.relevo.example.alojamientos.Main"]
        """
        .formatted(PORT);
  }

  /** Every shared library the runtime's executables and libraries load, by {@code ldd}. */
  private static Set<String> libraries(Path runtime) throws IOException, InterruptedException {
    List<Path> elves = new ArrayList<>();
    elves.add(runtime.resolve("bin/java"));
    try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
      files.filter(p -> p.toString().endsWith(".so")).forEach(elves::add);
    }
    Set<String> libraries = new TreeSet<>();
    for (Path elf : elves) {
      Matcher m = LIBRARY.matcher(run("ldd", elf.toString()));
      while (m.find()) {
        if (!m.group(1).startsWith(runtime.toString())) {
          libraries.add(m.group(1));
        }
      }
    }
    return libraries;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static void addTree(TarArchiveOutputStream tar, Path root, String as) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted().toList()) {
        if (Files.isRegularFile(file)) {
          addFile(tar, file, as + "/" + root.relativize(file));
        }
      }
    }
  }

  private static void addFile(TarArchiveOutputStream tar, Path file, String as) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(as);
    entry.setSize(Files.size(file));
    entry.setMode(
        Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)
            ? 0755
            : 0644);
    tar.putArchiveEntry(entry);
    Files.copy(file, tar);
    tar.closeArchiveEntry();
  }

  private static void addText(TarArchiveOutputStream tar, String name, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** The jar's content and the Java version: what the image is made of. */
  private static String hash(Path app) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Files.readAllBytes(app));
      digest.update(System.getProperty("java.runtime.version").getBytes(StandardCharsets.UTF_8));
      digest.update(dockerfile().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
