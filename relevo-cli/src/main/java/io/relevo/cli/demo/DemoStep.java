package io.relevo.cli.demo;

import java.time.Duration;

/**
 * One row of the demo's report.
 *
 * @param name what the step did
 * @param expected the outcome the demo expects
 * @param outcome what happened
 * @param took how long it took
 * @param requests user requests sent during the step
 * @param failed of those, how many failed
 * @param allowedFailures how many may fail: 0, except while a bad canary takes its sliver of
 *     traffic
 */
record DemoStep(
    String name,
    String expected,
    String outcome,
    Duration took,
    long requests,
    long failed,
    long allowedFailures) {

  boolean asExpected() {
    return expected.equals(outcome) && failed <= allowedFailures;
  }
}
