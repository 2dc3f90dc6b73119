package io.relevo.server.v1;

/**
 * Maps an engine enum to the API's own enum of the same constant names. The API re-declares each
 * enum so that renaming an engine constant fails {@code WireTypesTest}, not a client.
 */
final class WireEnums {

  private WireEnums() {}

  static <E extends Enum<E>> E of(Class<E> wire, Enum<?> engine) {
    return engine == null ? null : Enum.valueOf(wire, engine.name());
  }
}
