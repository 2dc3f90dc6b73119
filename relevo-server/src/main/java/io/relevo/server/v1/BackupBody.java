package io.relevo.server.v1;

/** The body of {@code POST /api/v1/apps/{app}/backups}. */
public record BackupBody(String actor) {}
