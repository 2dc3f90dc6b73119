package io.relevo.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's chromium and chromedriver for the dashboard's browser tests. When one is missing
 * the test is skipped saying which; under {@code RELEVO_REQUIRE_ALL=1} (CI) it fails instead, as
 * {@link DockerEngineCheck} does for Docker. {@code RELEVO_CHROMIUM} and {@code
 * RELEVO_CHROMEDRIVER} point elsewhere.
 *
 * @param chromium the browser
 * @param chromedriver the driver that speaks WebDriver to it
 */
record BrowserCheck(Path chromium, Path chromedriver) {

  static BrowserCheck require() {
    Path chromium = executable("RELEVO_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = executable("RELEVO_CHROMEDRIVER", "/usr/bin/chromedriver");
    return new BrowserCheck(chromium, chromedriver);
  }

  private static Path executable(String variable, String debianPath) {
    String configured = System.getenv(variable);
    Path path = Path.of(configured == null || configured.isBlank() ? debianPath : configured);
    if (!Files.isExecutable(path)) {
      skipOrFail(
          path
              + " is missing (install Debian's chromium and chromium-driver:"
              + " apt-get install --no-install-recommends chromium chromium-driver, or set "
              + variable
              + ")");
    }
    return path;
  }

  private static void skipOrFail(String why) {
    if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and the browser tests cannot run: " + why);
    }
    Assumptions.abort("browser tests skipped: " + why);
  }
}
