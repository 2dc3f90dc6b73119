package io.relevo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {

  @Test
  void drawsOnePanelPerLoadAsAPngThatReadsBack(@TempDir Path dir) throws Exception {
    List<ProxyCost.Result> results =
        List.of(
            result(new Scenario("fast, 100 conns", 0, 100), 1_650, 12_800),
            result(new Scenario("slow 5 ms, 100 conns", 5, 100), 5_400, 9_100));
    Path png = dir.resolve("latency.png");

    LatencyChart.write(results, "test run", png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(LatencyChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(120 + 2 * LatencyChart.PANEL_HEIGHT);
    assertThat(colours(image)).as("distinct colours: bars, labels, axes").isGreaterThan(5);
  }

  private static ProxyCost.Result result(Scenario scenario, long p50, long p99) {
    Map<String, ProxyCost.Runs> byTarget = new LinkedHashMap<>();
    for (String target : List.of("direct", "nginx", "HAProxy", "relevo")) {
      WrkResult run = new WrkResult(10_000, 2, 0, 0, p50, p99, p99 * 2, p99 * 3);
      byTarget.put(target, new ProxyCost.Runs(target, List.of(run), List.of(20_000L)));
    }
    return new ProxyCost.Result(scenario, "wrk", byTarget, 90_000);
  }

  private static long colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
