package io.relevo.observe;

/**
 * One answer to a scrape.
 *
 * @param contentType the format negotiated from the request's {@code Accept} header
 * @param body the metrics in that format
 */
public record Scrape(String contentType, byte[] body) {}
