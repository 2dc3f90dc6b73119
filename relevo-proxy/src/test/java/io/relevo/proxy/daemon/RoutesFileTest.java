package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.core.runtime.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesFileTest {

  @TempDir Path dir;

  @Test
  void whatIsWrittenIsReadBackWholeAndNoTempFileStays() {
    RoutesFile file = new RoutesFile(dir.resolve("routes.json"));
    AppRoute shop =
        new AppRoute(
            new HostPort("127.0.0.1", 0),
            8123,
            new ProxyConfig(Duration.ofSeconds(3), Duration.ofSeconds(9), Duration.ofMillis(500)),
            new TrafficSplit(
                List.of(
                    new Backend(1, new Endpoint("127.0.0.1", 9001), 90),
                    new Backend(2, new Endpoint("127.0.0.1", 9002), 10)),
                true));

    file.write(Map.of("shop", shop));

    assertThat(file.read()).containsExactly(Map.entry("shop", shop));
    assertThat(file.read().get("shop").bindAddress()).isEqualTo(new HostPort("127.0.0.1", 8123));
    assertThat(dir.resolve("routes.json.tmp")).doesNotExist();
  }

  @Test
  void aCorruptFileIsAClearErrorNamingItAndTheWayOut() throws Exception {
    Path path = dir.resolve("routes.json");
    Files.writeString(path, "{not json");

    assertThatThrownBy(() -> new RoutesFile(path).read())
        .isInstanceOf(RelevoException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("move the file away");
  }

  @Test
  void noFileMeansNoRoutes() {
    assertThat(new RoutesFile(dir.resolve("routes.json")).read()).isEmpty();
  }
}
