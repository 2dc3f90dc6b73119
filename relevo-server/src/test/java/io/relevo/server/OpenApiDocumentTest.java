package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checked-in OpenAPI document is itself sound: it parses, and every reference resolves. */
class OpenApiDocumentTest {

  @Test
  void theDocumentParsesAsOpenApi31WithoutMessages() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIParser()
            .readContents(
                new String(OpenApiDocument.yaml(), StandardCharsets.UTF_8), List.of(), options);

    assertThat(result.getMessages()).isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    assertThat(api.getPaths()).containsKeys("/api/v1/apps", "/api/v1/apps/{app}/events");
  }

  @Test
  void everyOperationHasItsOwnId() {
    OpenAPI api =
        new OpenAPIParser()
            .readContents(new String(OpenApiDocument.yaml(), StandardCharsets.UTF_8), null, null)
            .getOpenAPI();
    Set<String> ids = new HashSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperations()
                    .forEach(o -> assertThat(ids.add(o.getOperationId())).as(path).isTrue()));
    assertThat(ids).doesNotContainNull();
  }
}
