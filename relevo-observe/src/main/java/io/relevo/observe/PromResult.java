package io.relevo.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.analysis.PromQl.PromQlException;
import java.util.OptionalDouble;

/** The one value of a Prometheus API answer's {@code data}: a scalar, a vector, or a matrix. */
final class PromResult {

  private PromResult() {}

  static OptionalDouble value(JsonNode data, String query) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    return switch (type) {
      case "scalar" -> number(result.path(1));
      case "vector" -> {
        requireOneSeries(result, query);
        yield result.isEmpty()
            ? OptionalDouble.empty()
            : number(result.get(0).path("value").path(1));
      }
      case "matrix" -> {
        requireOneSeries(result, query);
        yield result.isEmpty() ? OptionalDouble.empty() : mean(result.get(0).path("values"));
      }
      default ->
          throw new PromQlException(
              "query "
                  + query
                  + ": result type \""
                  + type
                  + "\" (expected: scalar, vector or matrix)");
    };
  }

  private static void requireOneSeries(JsonNode result, String query) {
    if (result.size() > 1) {
      throw new PromQlException(
          "query "
              + query
              + " returned "
              + result.size()
              + " series (expected: one; aggregate it, e.g. with sum(...) or avg(...))");
    }
  }

  private static OptionalDouble mean(JsonNode values) {
    double sum = 0;
    int n = 0;
    for (JsonNode sample : values) {
      OptionalDouble v = number(sample.path(1));
      if (v.isPresent()) {
        sum += v.getAsDouble();
        n++;
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }

  /** Prometheus writes sample values as strings; NaN (0/0, no traffic) is no data. */
  private static OptionalDouble number(JsonNode value) {
    double v;
    try {
      v = Double.parseDouble(value.asText());
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
