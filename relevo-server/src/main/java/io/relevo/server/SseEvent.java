package io.relevo.server;

/**
 * One message of a server-sent event stream, as a client reads it.
 *
 * @param id its id, or the last one seen before it when it has none ({@code ""} at first): what to
 *     send back as {@code Last-Event-ID}
 * @param type its {@code event:} field, {@code message} when it has none
 * @param data its {@code data:} lines, joined by newlines
 */
public record SseEvent(String id, String type, String data) {}
