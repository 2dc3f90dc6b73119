package io.relevo.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares top-level fields of a JSON body with the text values a check expects. */
final class JsonFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFields() {}

  /** What does not match, one line per field; empty when every field holds its value. */
  static List<String> broken(String body, Map<String, String> expected) {
    if (expected.isEmpty()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = body == null ? null : JSON.readTree(body);
    } catch (Exception e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return List.of("body is not a JSON object (expected: " + expected + ")");
    }
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, String> field : expected.entrySet()) {
      JsonNode value = root.get(field.getKey());
      String actual = value == null || value.isNull() ? null : value.asText();
      if (!field.getValue().equals(actual)) {
        broken.add(
            "JSON "
                + field.getKey()
                + " is "
                + (actual == null ? "missing" : "\"" + actual + "\"")
                + " (expected: \""
                + field.getValue()
                + "\")");
      }
    }
    return broken;
  }
}
