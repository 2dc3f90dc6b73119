package io.relevo.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The proxy section's latencies as a PNG: one panel per load, one group of bars per target (direct,
 * nginx, HAProxy, relevo), p50, p99 and p99.9 in each group, medians over the rounds, on a log
 * scale so that p50 and p99.9 read on one axis. Drawn headless, from the results of the same run.
 */
final class LatencyChart {

  static final int WIDTH = 1000;
  static final int PANEL_HEIGHT = 300;

  private static final Color[] COLOURS = {
    new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)
  };

  private LatencyChart() {}

  /** Writes the chart to {@code png}; {@code title} names the run (date, machine). */
  static void write(List<ProxyCost.Result> results, String title, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("target"));
    plot.setGap(14);
    List<CategoryPlot> panels = results.stream().map(LatencyChart::panel).toList();
    panels.forEach(panel -> plot.add(panel, 1));
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, false);
    if (!panels.isEmpty()) {
      // One legend for all panels: theirs are the same three series.
      LegendTitle legend = new LegendTitle(panels.getFirst().getRenderer());
      legend.setPosition(RectangleEdge.BOTTOM);
      chart.addSubtitle(legend);
    }
    chart.addSubtitle(
        new TextTitle(
            "wrk latency, median of the rounds; log scale; lower is better",
            new Font("SansSerif", Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(
        png.toFile(), chart, WIDTH, 120 + PANEL_HEIGHT * Math.max(1, results.size()));
  }

  private static CategoryPlot panel(ProxyCost.Result result) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, ProxyCost.Runs> entry : result.byTarget().entrySet()) {
      List<WrkResult> runs = entry.getValue().results();
      String target = entry.getKey();
      data.addValue(Medians.of(runs, WrkResult::p50Micros) / 1000, "p50", target);
      data.addValue(Medians.of(runs, WrkResult::p99Micros) / 1000, "p99", target);
      data.addValue(Medians.of(runs, WrkResult::p999Micros) / 1000, "p99.9", target);
    }
    // Whole decades, the bars rising from the decade below the fastest answer.
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int row = 0; row < data.getRowCount(); row++) {
      for (int column = 0; column < data.getColumnCount(); column++) {
        Number value = data.getValue(row, column);
        if (value != null && value.doubleValue() > 0) {
          lowest = Math.min(lowest, value.doubleValue());
          highest = Math.max(highest, value.doubleValue());
        }
      }
    }
    double floor = lowest == Double.MAX_VALUE ? 0.1 : Math.pow(10, Math.floor(Math.log10(lowest)));
    double ceiling = Math.pow(10, Math.ceil(Math.log10(Math.max(highest * 1.5, floor * 10))));
    LogAxis ms = new LogAxis(result.scenario().name() + " — ms");
    ms.setBase(10);
    ms.setSmallestValue(floor);
    ms.setRange(floor, ceiling);
    ms.setTickUnit(new NumberTickUnit(1));
    ms.setLabelFont(new Font("SansSerif", Font.BOLD, 12));
    ms.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setBase(floor);
    bars.setItemMargin(0.05);
    for (int i = 0; i < COLOURS.length; i++) {
      bars.setSeriesPaint(i, COLOURS[i]);
    }
    bars.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.00")));
    bars.setDefaultItemLabelsVisible(true);
    bars.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 10));
    CategoryPlot panel = new CategoryPlot(data, null, ms, bars);
    panel.setOrientation(PlotOrientation.VERTICAL);
    panel.setBackgroundPaint(Color.WHITE);
    panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
    panel.setRangeGridlineStroke(new BasicStroke(0.5f));
    return panel;
  }
}
