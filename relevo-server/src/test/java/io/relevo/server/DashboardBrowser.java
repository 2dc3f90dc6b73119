package io.relevo.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless chromium on the dashboard, through chromedriver: what the browser tests share. Each
 * screenshot goes to {@code target/screenshots/NAME.png}, kept as a test artifact.
 */
final class DashboardBrowser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final URI agent;

  DashboardBrowser(BrowserCheck browser, URI agent, int width, int height) {
    this.agent = agent;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.chromium().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // tests may run as root in a container
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(browser.chromedriver().toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  /** Opens {@code path} on the agent, e.g. {@code /}. */
  void open(String path) {
    driver.get(agent.resolve(path).toString());
  }

  WebDriverWait await(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /** The weight the page's split bar shows for {@code revision}; 0 when it shows none. */
  int weightOf(int revision) {
    String weight = segment(revision, "weight");
    return weight == null ? 0 : Integer.parseInt(weight);
  }

  /** The role the split bar shows for {@code revision}, or empty. */
  String roleOf(int revision) {
    String role = segment(revision, "role");
    return role == null ? "" : role;
  }

  /** Read in one script, since the page may redraw the bar between two WebDriver calls. */
  private String segment(int revision, String field) {
    return (String)
        driver.executeScript(
            "const s = document.querySelector(`#split-bar .segment[data-revision='${arguments[0]}']`);"
                + " return s ? s.dataset[arguments[1]] : null;",
            revision,
            field);
  }

  /** Emulates a phone's viewport: {@code width} CSS pixels wide, touch, scale 2. */
  void phone(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
  }

  /**
   * What the page fails of the accessibility rules in {@code a11y-audit.js}: text under 4.5:1
   * contrast, controls without a label; empty when all is well.
   */
  @SuppressWarnings("unchecked")
  List<String> audit() {
    try (InputStream in = DashboardBrowser.class.getResourceAsStream("/a11y-audit.js")) {
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return (List<String>) driver.executeScript(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
