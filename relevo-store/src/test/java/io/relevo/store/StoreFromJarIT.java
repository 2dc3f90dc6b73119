package io.relevo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.store.AppState;
import io.relevo.core.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Flyway finds migrations by scanning {@code db/migration} on the classpath; this checks that the
 * scan works from this module's jar and from one merged jar, as the CLI's shaded jar is built.
 */
class StoreFromJarIT {

  @TempDir Path dir;

  @Test
  void migrationsAreFoundWhenTheStoreIsLoadedFromItsJar() throws Exception {
    // Failsafe puts the packaged jar, not target/classes, on the classpath.
    assertThat(codeSource(JdbcStore.class).toString()).endsWith(".jar");

    try (CloseableStore store = Stores.sqlite(dir.resolve("history.db"))) {
      store.saveAppState(new AppState("shop", 2, 2));
      assertThat(store.appState("shop")).contains(new AppState("shop", 2, 2));
    }
  }

  @Test
  void migrationsAreFoundFromOneMergedJarAsTheCliShipsIt() throws Exception {
    Path fat = dir.resolve("relevo-all.jar");
    merge(
        fat,
        List.of(
            codeSource(JdbcStore.class),
            codeSource(JarSmokeMain.class),
            codeSource(Store.class),
            codeSource(Flyway.class),
            codeSource(SQLiteDataSource.class),
            codeSource(LoggerFactory.class)));
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                fat.toString(),
                JarSmokeMain.class.getName(),
                dir.resolve("history.db").toString())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errors = Files.readString(dir.resolve("stderr.txt"));

    assertThat(exited).as("child JVM exited within 30 s").isTrue();
    assertThat(process.exitValue()).as(errors).isZero();
    // Only the program's own line: in a fresh JVM Flyway's banner and progress stay off stdout.
    assertThat(output.strip()).isEqualTo("stable=1");
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * Merges jars and class directories the way the shade plugin does with its services transformer:
   * first entry wins, {@code META-INF/services} files are concatenated, signatures dropped.
   */
  private static void merge(Path target, List<Path> sources) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Path source : sources) {
      for (Map.Entry<String, byte[]> entry : read(source).entrySet()) {
        String name = entry.getKey();
        if (name.startsWith("META-INF/services/") && entries.containsKey(name)) {
          ByteArrayOutputStream joined = new ByteArrayOutputStream();
          joined.writeBytes(entries.get(name));
          joined.write('\n');
          joined.writeBytes(entry.getValue());
          entries.put(name, joined.toByteArray());
        } else {
          entries.putIfAbsent(name, entry.getValue());
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        jar.putNextEntry(new JarEntry(entry.getKey()));
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    }
  }

  private static Map<String, byte[]> read(Path source) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    if (Files.isDirectory(source)) {
      List<Path> paths = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(source)) {
        walk.filter(p -> !p.equals(source)).sorted().forEach(paths::add);
      }
      for (Path path : paths) {
        String name = source.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path)) {
          entries.put(name + "/", new byte[0]);
        } else if (keep(name)) {
          entries.put(name, Files.readAllBytes(path));
        }
      }
      return entries;
    }
    try (JarFile jar = new JarFile(source.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (!keep(entry.getName())) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private static boolean keep(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return !upper.equals("META-INF/MANIFEST.MF")
        && !upper.endsWith(".SF")
        && !upper.endsWith(".RSA")
        && !upper.endsWith(".DSA")
        && !upper.startsWith("META-INF/VERSIONS/"); // a multi-release jar needs its manifest
  }
}
