package io.relevo.core.config;

import io.relevo.core.config.YamlNode.Entry;
import io.relevo.core.config.YamlNode.Mapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A config section: a map with a fixed set of keys. Unknown keys are reported when the section is
 * opened, with the closest valid key; keys that relevo knows but this version does not support yet
 * are reported as such, so a user is not told that a valid-looking key is a typo.
 */
final class MapReader {

  static final String NOT_SUPPORTED_YET = "not supported yet by this version of relevo";

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> keys;
  private final String path;
  private final int line;
  private final ReadContext context;

  private MapReader(List<String> keys, String path, int line, ReadContext context) {
    this.keys = List.copyOf(keys);
    this.path = path;
    this.line = line;
    this.context = context;
  }

  /**
   * Opens {@code value} as a section with {@code keys}. A value that is not set reads as an empty
   * section (every key absent); a value that is not a map is reported and reads as empty too.
   */
  static MapReader open(Value value, List<String> keys, List<String> notYet) {
    MapReader reader = new MapReader(keys, value.path(), value.keyLine(), value.context());
    if (!value.isSet()) {
      return reader;
    }
    if (!(value.node() instanceof Mapping mapping)) {
      value.problem(value.node().describe() + " (expected: a map)");
      return reader;
    }
    for (Entry entry : mapping.entries()) {
      if (keys.contains(entry.key())) {
        reader.entries.put(entry.key(), entry);
      } else {
        reader.reportUnknown(entry, notYet);
      }
    }
    return reader;
  }

  /** The setting {@code key}, which must be one of this section's keys. */
  Value get(String key) {
    if (!keys.contains(key)) {
      throw new IllegalArgumentException(
          key + ": not a key of " + path + " (expected: " + keys + ")");
    }
    Entry entry = entries.get(key);
    String childPath = ConfigPaths.key(path, key);
    return entry == null
        ? new Value(null, childPath, line, context)
        : new Value(entry.value(), childPath, entry.line(), context);
  }

  /** The keys present in the file, in file order (unknown keys left out). */
  List<String> presentKeys() {
    return List.copyOf(entries.keySet());
  }

  private void reportUnknown(Entry entry, List<String> notYet) {
    String childPath = ConfigPaths.key(path, entry.key());
    if (notYet.contains(entry.key())) {
      context.problem(entry.line(), childPath, NOT_SUPPORTED_YET);
      return;
    }
    List<String> candidates = Stream.concat(keys.stream(), notYet.stream()).toList();
    String hint =
        DidYouMean.closest(entry.key(), candidates)
            .map(match -> "did you mean \"" + match + "\"?")
            .orElseGet(
                () ->
                    keys.isEmpty()
                        ? "expected: no settings here"
                        : "expected one of: " + String.join(", ", keys));
    context.problem(entry.line(), childPath, "unknown key (" + hint + ")");
  }
}
