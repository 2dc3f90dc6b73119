package io.relevo.core.engine;

/**
 * The engine's parts and the steps every flow (deploy, rollback, recovery, housekeeping) shares,
 * built once per engine.
 */
record Stages(
    EngineParts parts,
    RevisionLauncher launcher,
    ReadinessWait readiness,
    SmokeStage smoke,
    Retirement retirement,
    Promotion promotion,
    Recovery recovery,
    RevisionEnv env) {

  static Stages of(EngineParts parts, RolloutEngine engine) {
    RevisionLauncher launcher = new RevisionLauncher(parts, engine);
    Retirement retirement = new Retirement(parts);
    RevisionEnv env = new RevisionEnv(parts);
    return new Stages(
        parts,
        launcher,
        new ReadinessWait(parts.health(), parts.clock(), parts.sleeper()),
        new SmokeStage(parts.smoke()),
        retirement,
        new Promotion(parts, retirement),
        new Recovery(parts, engine, launcher, retirement, env),
        env);
  }
}
