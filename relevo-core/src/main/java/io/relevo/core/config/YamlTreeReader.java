package io.relevo.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.relevo.core.config.YamlNode.Entry;
import io.relevo.core.config.YamlNode.Mapping;
import io.relevo.core.config.YamlNode.Scalar;
import io.relevo.core.config.YamlNode.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a {@link YamlNode} tree from Jackson's streaming YAML parser, keeping the
 * line of every key and value. Duplicate keys and aliases are reported to the context (YAML
 * libraries silently keep the last duplicate, and Jackson turns {@code *alias} into the alias's
 * name); a syntax error stops reading and is thrown as the only problem, since what follows it
 * cannot be trusted.
 */
final class YamlTreeReader {

  /** Deeper than any relevo.yml needs (it nests six levels); what is deeper is refused at once. */
  static final int MAX_DEPTH = 64;

  /** A relevo.yml is a few kilobytes; a megabyte of text is not a config. */
  static final int MAX_CHARS = 1024 * 1024;

  private static final YAMLFactory FACTORY = factory();

  /**
   * A parser that refuses what a config never has, before it costs anything: nesting beyond {@link
   * #MAX_DEPTH}, more than {@link #MAX_CHARS} code points, and more than a few aliases (Jackson's
   * parser does not expand them, and relevo reports every one, so a "billion laughs" document is
   * read in one pass and refused).
   */
  private static YAMLFactory factory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(10);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setCodePointLimit(MAX_CHARS + 1);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
  }

  private final YAMLParser parser;
  private final ReadContext context;

  private YamlTreeReader(YAMLParser parser, ReadContext context) {
    this.parser = parser;
    this.context = context;
  }

  /**
   * Returns the first document of {@code text}; an empty document reads as an empty mapping.
   *
   * @throws ConfigException with a single problem when the text is not valid YAML
   */
  static YamlNode read(String text, ReadContext context) {
    if (text.length() > MAX_CHARS) {
      throw syntaxError(
          context,
          0,
          "the file has "
              + text.length()
              + " characters (expected: a relevo.yml of at most "
              + MAX_CHARS
              + "; is this the right file?)");
    }
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
      YamlTreeReader reader = new YamlTreeReader(parser, context);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Mapping(List.of(), 1);
      }
      YamlNode root = reader.value(first, "");
      if (parser.nextToken() != null) {
        context.problem(
            line(parser),
            "",
            "a second YAML document (expected: one document; remove the --- line and what"
                + " follows)");
      }
      return root;
    } catch (StreamConstraintsException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw syntaxError(
          context,
          line,
          "nested deeper than "
              + MAX_DEPTH
              + " levels (expected: a relevo.yml, a few levels deep)");
    } catch (MarkedYAMLException e) {
      throw syntaxError(context, e.getProblemMark().getLine() + 1, syntaxMessage(e));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw syntaxError(context, line, "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from a String does not do I/O
    }
  }

  private YamlNode value(JsonToken token, String path) throws IOException {
    int line = line(parser);
    return switch (token) {
      case START_OBJECT -> mapping(path, line);
      case START_ARRAY -> sequence(path, line);
      case VALUE_NULL -> new Scalar(parser.getText(), Scalar.Kind.NULL, line);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(parser.getText(), Scalar.Kind.BOOLEAN, line);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          new Scalar(parser.getText(), Scalar.Kind.NUMBER, line);
      default -> {
        if (parser.isCurrentAlias()) {
          context.problem(
              line,
              path,
              "*"
                  + parser.getText()
                  + ": YAML aliases are not supported (expected: the value"
                  + " written out)");
        }
        yield new Scalar(parser.getText(), Scalar.Kind.STRING, line);
      }
    };
  }

  private Mapping mapping(String path, int line) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> firstLines = new HashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line(parser);
      String childPath = ConfigPaths.key(path, key);
      YamlNode value = value(parser.nextToken(), childPath);
      Integer first = firstLines.putIfAbsent(key, keyLine);
      if (first == null) {
        entries.add(new Entry(key, keyLine, value));
      } else {
        context.problem(
            keyLine, childPath, "set twice (first at line " + first + "; keep only one)");
      }
    }
    return new Mapping(entries, line);
  }

  private Sequence sequence(String path, int line) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      items.add(value(token, ConfigPaths.index(path, items.size())));
    }
    return new Sequence(items, line);
  }

  private static int line(YAMLParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
    if (e.getContext() != null && e.getContextMark() != null) {
      message
          .append(" (")
          .append(e.getContext())
          .append(" at line ")
          .append(e.getContextMark().getLine() + 1)
          .append(")");
    }
    if (problem.contains("mapping values are not allowed")) {
      message.append(" (expected: quotes around a value that contains \": \")");
    }
    return message.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "invalid YAML";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static ConfigException syntaxError(ReadContext context, int line, String message) {
    return new ConfigException(List.of(new ConfigProblem(context.fileName(), line, "", message)));
  }
}
