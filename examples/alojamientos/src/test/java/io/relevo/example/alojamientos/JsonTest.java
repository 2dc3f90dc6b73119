package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void whatIsWrittenParsesBackToTheSameValues() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "Ático \"Ramblas\"\n\\ \u0001");
    value.put("price", new BigDecimal("150.00"));
    value.put("tags", List.of(true, false));
    value.put("none", null);

    assertThat(Json.parse(Json.write(value))).isEqualTo(value);
  }

  @Test
  void invalidTextIsRejectedWithWhereItBroke() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at character 8: found '}' (expected: a string key)");
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("expected: end of input");
  }
}
