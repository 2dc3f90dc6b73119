package io.relevo.observe.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of a Grafana dashboard JSON that import reads: {@code __inputs} for the Prometheus data
 * source, {@code uid}, {@code title}, {@code schemaVersion}, {@code time}, {@code templating},
 * {@code annotations}, and panels with {@code gridPos} and Prometheus {@code targets}.
 */
final class GrafanaJson {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DATASOURCE = "${DS_PROMETHEUS}";
  private static final int WIDTH = 24;

  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode panels;
  private int nextId = 1;
  private int x;
  private int y;
  private int rowHeight;

  GrafanaJson(String uid, String title, String app) {
    ObjectNode input = root.putArray("__inputs").addObject();
    input.put("name", "DS_PROMETHEUS");
    input.put("label", "Prometheus");
    input.put("description", "the Prometheus that scrapes the relevo agent");
    input.put("type", "datasource");
    input.put("pluginId", "prometheus");
    input.put("pluginName", "Prometheus");
    ObjectNode requires = root.putArray("__requires").addObject();
    requires.put("type", "datasource");
    requires.put("id", "prometheus");
    requires.put("name", "Prometheus");
    requires.put("version", "1.0.0");
    root.putNull("id");
    root.put("uid", uid);
    root.put("title", title);
    root.putArray("tags").add("relevo").add(app);
    root.put("timezone", "browser");
    root.put("schemaVersion", 39);
    root.put("version", 1);
    root.put("editable", true);
    root.put("refresh", "30s");
    ObjectNode time = root.putObject("time");
    time.put("from", "now-24h");
    time.put("to", "now");
    root.putObject("templating").putArray("list");
    ObjectNode builtIn = root.putObject("annotations").putArray("list").addObject();
    builtIn.put("builtIn", 1);
    builtIn.putObject("datasource").put("type", "grafana").put("uid", "-- Grafana --");
    builtIn.put("enable", true);
    builtIn.put("hide", true);
    builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
    builtIn.put("name", "Annotations & Alerts");
    builtIn.put("type", "dashboard");
    panels = root.putArray("panels");
  }

  /** Marks each time {@code expr} is above 0 on the time axis of every panel. */
  GrafanaJson annotation(String name, String expr, String color) {
    ObjectNode a = ((ArrayNode) root.path("annotations").path("list")).addObject();
    a.put("name", name);
    a.set("datasource", datasource());
    a.put("enable", true);
    a.put("expr", expr);
    a.put("iconColor", color);
    a.put("step", "30s");
    a.put("titleFormat", name);
    a.put("tagKeys", "app,outcome,reason,version");
    a.put("useValueForTime", false);
    return this;
  }

  /**
   * Adds a panel of {@code width} (of 24) × {@code height}, left to right, then on a new row.
   *
   * @param unit Grafana's unit id, e.g. {@code percentunit}, {@code s}, {@code reqps}
   * @param queries PromQL then its legend, in pairs
   */
  GrafanaJson panel(
      String type, String title, int width, int height, String unit, String... queries) {
    if (x + width > WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    rowHeight = Math.max(rowHeight, height);
    ObjectNode p = panels.addObject();
    p.put("id", nextId++);
    p.put("type", type);
    p.put("title", title);
    p.set("datasource", datasource());
    p.putObject("gridPos").put("h", height).put("w", width).put("x", x).put("y", y);
    p.putObject("fieldConfig").putObject("defaults").put("unit", unit);
    p.putObject("options");
    ArrayNode targets = p.putArray("targets");
    for (int i = 0; i < queries.length; i += 2) {
      ObjectNode t = targets.addObject();
      t.set("datasource", datasource());
      t.put("expr", queries[i]);
      t.put("legendFormat", queries[i + 1]);
      t.put("refId", String.valueOf((char) ('A' + i / 2)));
    }
    x += width;
    return this;
  }

  String text() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ObjectNode datasource() {
    ObjectNode ds = JSON.createObjectNode();
    ds.put("type", "prometheus");
    ds.put("uid", DATASOURCE);
    return ds;
  }
}
