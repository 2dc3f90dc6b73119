package io.relevo.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the agent's API, shared by the server and the CLI so both read what the
 * other writes. Instants are ISO-8601 strings ({@code 2026-11-24T10:15:30.120Z}) and durations
 * ISO-8601 too ({@code PT1.5S}); unknown fields of an answer are ignored so an older CLI can talk
 * to a newer agent. The agent reads request bodies strictly instead ({@link RequestBodies}).
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** The shared mapper; thread-safe, do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
