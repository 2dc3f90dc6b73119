package io.relevo.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request's JSON body into its record, strictly: an unknown field is refused (a typo like
 * {@code toRevison} must not roll back to the wrong revision), and every refusal is one line that
 * names the field, what it held and what was expected.
 */
final class RequestBodies {

  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBodies() {}

  /**
   * The body as a {@code type}.
   *
   * @throws RelevoException BAD_INPUT when it is empty, not JSON, or not the record's shape
   */
  static <T> T read(byte[] bytes, Class<T> type) {
    if (bytes.length == 0) {
      throw bad("empty", type);
    }
    T value;
    try {
      value = READER.readValue(bytes, type);
    } catch (UnrecognizedPropertyException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: unknown field \""
              + e.getPropertyName()
              + "\" (expected: one of "
              + names(type)
              + ")");
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof RelevoException cause) {
        throw cause; // a record's own validation says it best
      }
      throw bad(oneLine(e.getOriginalMessage()), type);
    } catch (InvalidFormatException e) {
      throw field(e, quoted(e.getValue()), type);
    } catch (MismatchedInputException e) {
      throw field(e, e.getPath().isEmpty() ? "not a JSON object" : "wrong type", type);
    } catch (JsonParseException e) {
      throw bad(
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + oneLine(e.getOriginalMessage()),
          type);
    } catch (JsonProcessingException e) {
      throw bad(oneLine(e.getOriginalMessage()), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does no I/O
    }
    if (value == null) {
      throw bad("null", type);
    }
    return value;
  }

  /** {@code {"rollout": integer, "actor": string}}: what a body of {@code type} looks like. */
  static String shape(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      return "a JSON " + type.getSimpleName();
    }
    return Arrays.stream(components)
        .map(c -> "\"" + c.getName() + "\": " + jsonType(c.getType()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static RelevoException field(JsonMappingException e, String what, Class<?> type) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining(".")) // [0] reads fine after a dot: overrides.[0]
            .replace(".[", "[");
    if (path.isEmpty()) {
      return bad(what, type);
    }
    Class<?> target =
        e instanceof MismatchedInputException m && m.getTargetType() != null
            ? m.getTargetType()
            : Object.class;
    return new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        "request body: " + path + ": " + what + " (expected: " + jsonType(target) + ")");
  }

  private static RelevoException bad(String what, Class<?> type) {
    return new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        "request body: " + what + " (expected: a JSON object " + shape(type) + ")");
  }

  private static String names(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    return components == null
        ? "its fields"
        : Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", "));
  }

  private static String jsonType(Class<?> type) {
    if (type == String.class || type.isEnum()) {
      return "string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "array";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "object" : "a JSON value";
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "\"" + oneLine(s) + "\"" : String.valueOf(value);
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
