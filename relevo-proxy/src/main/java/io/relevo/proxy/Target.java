package io.relevo.proxy;

import io.relevo.core.runtime.Endpoint;

/**
 * One backend of a split, resolved to the state the hot path needs, so that a request looks its
 * revision up once, when it is routed.
 */
record Target(int revision, Endpoint endpoint, int weight, RevisionState state) {}
