package io.relevo.example.alojamientos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for this app, written by hand so the jar needs nothing but the JDK.
 *
 * <p>{@link #write} turns maps, lists, strings, numbers, booleans and null into text; {@link
 * #parse} reads text into the same shapes (numbers as {@link BigDecimal}).
 */
final class Json {
  private Json() {}

  /** Writes {@code value}; map keys are written with {@link String#valueOf}, in iteration order. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case Boolean b -> out.append(b);
      case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
      case Number n -> out.append(n);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) out.append(',');
          first = false;
          quote(String.valueOf(e.getKey()), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      }
      case Iterable<?> list -> {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
          if (!first) out.append(',');
          first = false;
          write(item, out);
        }
        out.append(']');
      }
      default -> quote(value.toString(), out);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException saying where the text stops being JSON
   */
  static Object parse(String text) {
    Parser p = new Parser(text);
    p.skipSpace();
    Object value = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("end of input");
    }
    return value;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Object value() {
      if (pos >= s.length()) throw error("a value");
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || Character.isDigit(c)) yield number();
          throw error("a value");
        }
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (peek('}')) return map;
      while (true) {
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != '"') throw error("a string key");
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        map.put(key, value());
        skipSpace();
        if (peek('}')) return map;
        expect(',');
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++;
      skipSpace();
      if (peek(']')) return list;
      while (true) {
        skipSpace();
        list.add(value());
        skipSpace();
        if (peek(']')) return list;
        expect(',');
      }
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') return out.toString();
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) break;
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) throw error("four hex digits");
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("four hex digits");
            }
            pos += 4;
          }
          default -> throw error("an escape such as \\n");
        }
      }
      throw error("a closing quote");
    }

    private BigDecimal number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) pos++;
      try {
        return new BigDecimal(s.substring(start, pos));
      } catch (NumberFormatException e) {
        pos = start;
        throw error("a number");
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) throw error("a value");
      pos += word.length();
      return value;
    }

    private boolean peek(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!peek(c)) throw error("'" + c + "'");
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    IllegalArgumentException error(String expected) {
      String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of input";
      return new IllegalArgumentException(
          "invalid JSON at character "
              + pos
              + ": found "
              + found
              + " (expected: "
              + expected
              + ")");
    }
  }
}
