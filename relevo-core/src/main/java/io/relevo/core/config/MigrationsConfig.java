package io.relevo.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code migrations}: the database work that comes with a deploy.
 *
 * @param backup the backup taken before a migration; none = no backup section
 * @param preview a command that prints the SQL {@code apply} would run, linted before apply; none =
 *     nothing to lint
 * @param apply the command that migrates; none = no migration, only the backup
 * @param rollback the command that undoes {@code apply}, run when apply fails; none = none
 * @param timeout the limit of each command; default 5 min
 * @param lint which flagged statements stop a deploy
 * @param contract the destructive half of an expand/contract change, run (after a backup) only once
 *     the revision was promoted and its watch passed; none = none
 */
public record MigrationsConfig(
    Optional<BackupConfig> backup,
    Optional<String> preview,
    Optional<String> apply,
    Optional<String> rollback,
    Duration timeout,
    LintConfig lint,
    Optional<String> contract) {

  public MigrationsConfig {
    backup = backup == null ? Optional.empty() : backup;
    preview = preview == null ? Optional.empty() : preview;
    apply = apply == null ? Optional.empty() : apply;
    rollback = rollback == null ? Optional.empty() : rollback;
    timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
    lint = lint == null ? LintConfig.defaults() : lint;
    contract = contract == null ? Optional.empty() : contract;
  }

  /** Backup only. */
  public MigrationsConfig(Optional<BackupConfig> backup) {
    this(backup, null, null, null, null, null, null);
  }

  /** No migrations section: a deploy touches no database. */
  public static MigrationsConfig none() {
    return new MigrationsConfig(Optional.empty());
  }

  /** Whether a deploy does any database work (and so needs a backup first). */
  public boolean configured() {
    return backup.isPresent() || apply.isPresent() || contract.isPresent();
  }
}
