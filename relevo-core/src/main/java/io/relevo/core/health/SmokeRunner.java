package io.relevo.core.health;

import io.relevo.core.config.SmokeCheck;
import io.relevo.core.runtime.Endpoint;

/** Sends one smoke check to a revision directly. Must not throw: a failure is a result. */
public interface SmokeRunner {

  SmokeResult run(Endpoint endpoint, SmokeCheck check);
}
