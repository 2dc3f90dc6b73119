package io.relevo.cli;

/** The commented relevo.yml files {@code relevo init} writes. */
final class InitTemplates {

  private InitTemplates() {}

  private static final String COMMON =
      """
      listen: 127.0.0.1:8080            # the front door: the proxy clients talk to
      health:
        # relevo sends traffic to a revision only after this answers 2xx
        readiness: {path: /health, interval: 2s, timeout: 1s, retries: 5, start_period: 10s}
      # smoke:                          # checked against a new revision at 0% traffic
      #   - {path: /health, expect_status: 200}
      strategy:
        bluegreen: {}                   # or canary: {steps: [{weight: 10}, {analysis: default}, {weight: 100}]}
      rollback:
        keep_previous: 10m              # the previous revision stays warm: rollback is a switch
        watch_after_promotion: 5m       # a new revision is judged this long after the switch
      # gates:                          # checked before every deploy; see docs/GATES.md
      #   secrets:
      #     JWT_SECRET: {min_length: 32, format: hex}
      #   window: {days: [tue-thu], hours: "10:00-14:00", zone: UTC}
      #   approvals:
      #     production: {quorum: 2}
      # hooks:
      #   pre_deploy: [./scripts/pre-deploy.sh]
      # verify:                         # sent to the front door after the switch; a failure rolls back
      #   - {path: /health, expect_json: {status: ok}}
      #   - {path: /api/me, headers: {Authorization: "Bearer ${API_TOKEN}"}, max_latency: 500ms}
      """;

  static String docker(String app) {
    return """
        # relevo.yml for %s, written by `relevo init` (found a Dockerfile).
        # Every key and its default: docs/CONFIGURATION.md. Check it with `relevo validate`.
        app: %s
        env: production
        runtime:
          type: docker
          image: %s:{version}           # build and tag it: docker build -t %s:V .
          container_port: 8080          # where the service listens inside the container
          port_env: PORT                # relevo sets it to container_port
          # env: {DATABASE_URL: "${DATABASE_URL}"}
        """
            .formatted(app, app, app, app)
        + COMMON;
  }

  static String process(String app, String jar) {
    String command =
        jar == null
            ? "command: [\"./run.sh\", \"{version}\"]   # TODO: how to start one revision"
            : "command: [java, -jar, \""
                + jar
                + "\"]   # {version} in it is the version you deploy";
    return """
        # relevo.yml for %s, written by `relevo init` (%s).
        # Every key and its default: docs/CONFIGURATION.md. Check it with `relevo validate`.
        app: %s
        env: production
        runtime:
          type: process
          %s
          port_env: PORT                # the port relevo picked for the revision; listen on it
          # env: {JAVA_OPTS: "-Xmx512m", DATABASE_URL: "${DATABASE_URL}"}
        """
            .formatted(
                app, jar == null ? "found no Dockerfile or jar" : "found " + jar, app, command)
        + COMMON;
  }
}
