package io.relevo.bench;

import io.relevo.proxy.daemon.ProxyJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the processes of a benchmark: backends, and the three proxies under test with the same
 * number of worker threads. Each gets its own folder for config, pid and logs under {@code work}.
 *
 * <p>The anchors are configured as their users would for this job, and to do the same work as
 * relevo: keep-alive to the backend (nginx {@code keepalive}, HAProxy {@code http-reuse always}),
 * X-Forwarded-For and an X-Request-Id added to every request, no access log.
 */
final class Subjects {

  private final Path work;
  private final Path benchJar;
  private final List<String> jvmOptions;
  private final int threads;

  Subjects(Path work, Path benchJar, List<String> jvmOptions, int threads) {
    this.work = work;
    this.benchJar = benchJar;
    this.jvmOptions = jvmOptions.isEmpty() ? ProxyJvm.OPTIONS : jvmOptions; // as the agent runs it
    this.threads = threads;
  }

  int threads() {
    return threads;
  }

  /** nginx answering {@code return 200} on each port, with a body naming the port's colour. */
  Subject nginxBackend(int... ports) throws IOException {
    Path dir = dir("nginx-backend");
    StringBuilder servers = new StringBuilder();
    String[] colours = {"blue", "green"};
    for (int i = 0; i < ports.length; i++) {
      servers
          .append("    server { listen 127.0.0.1:")
          .append(ports[i])
          .append(" backlog=4096; location / { return 200 \"hello from ")
          .append(colours[i % 2])
          .append("\\n\"; } }\n");
    }
    // One worker, like the proxies, so the backend's cost is the same behind each of them.
    String conf =
        common(dir, 1)
            + "http {\n"
            + "    access_log off;\n    keepalive_requests 10000000;\n    keepalive_timeout 300s;\n"
            + "    default_type text/plain;\n"
            + temps(dir)
            + servers
            + "}\n";
    return nginx("nginx backend", ports[0], dir, conf);
  }

  /** The slow backend: {@link BenchBackend} with a delay, on one event loop thread. */
  Subject slowBackend(int port, long delayMillis) throws IOException {
    Path dir = dir("slow-backend");
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx256m",
                "-cp",
                benchJar.toString(),
                BenchBackend.class.getName(),
                String.valueOf(port),
                String.valueOf(delayMillis),
                "1"));
    return Subject.start(
        "slow backend", port, dir.resolve("out.log"), command.toArray(String[]::new));
  }

  Subject nginxProxy(int port, int backendPort) throws IOException {
    Path dir = dir("nginx-proxy");
    return nginx("nginx", port, dir, nginxProxyConf(dir, port, backendPort));
  }

  /**
   * Points the nginx proxy at another backend the way a deploy script does: rewrite the config,
   * {@code nginx -s reload}. Returns once the master has the signal (new workers start after).
   */
  void reloadNginxProxy(int port, int backendPort) throws IOException, InterruptedException {
    Path dir = dir("nginx-proxy");
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, nginxProxyConf(dir, port, backendPort));
    Process reload =
        new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString(), "-s", "reload")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("reload.log").toFile())
            .start();
    if (reload.waitFor() != 0) {
      throw new IllegalStateException(
          "nginx -s reload exited " + reload.exitValue() + "; see " + dir.resolve("reload.log"));
    }
  }

  private String nginxProxyConf(Path dir, int port, int backendPort) {
    return common(dir, threads)
        + "http {\n"
        + "    access_log off;\n    keepalive_requests 10000000;\n    keepalive_timeout 300s;\n"
        + temps(dir)
        + "    upstream backend {\n        server 127.0.0.1:"
        + backendPort
        + ";\n"
        + "        keepalive 1024;\n        keepalive_requests 10000000;\n"
        + "        keepalive_timeout 300s;\n    }\n"
        + "    server {\n        listen 127.0.0.1:"
        + port
        + " backlog=4096;\n"
        + "        location / {\n"
        + "            proxy_pass http://backend;\n"
        + "            proxy_http_version 1.1;\n"
        + "            proxy_set_header Connection \"\";\n"
        + "            proxy_set_header Host $host;\n"
        + "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        + "            proxy_set_header X-Forwarded-Proto $scheme;\n"
        + "            proxy_set_header X-Request-Id $request_id;\n"
        + "            add_header X-Request-Id $request_id;\n"
        + "        }\n    }\n}\n";
  }

  Subject haproxy(int port, int backendPort) throws IOException {
    Path dir = dir("haproxy");
    String conf =
        "global\n"
            + "    nbthread "
            + threads
            + "\n"
            + "    maxconn 8000\n"
            + "defaults\n"
            + "    mode http\n"
            + "    timeout connect 5s\n    timeout client 60s\n    timeout server 60s\n"
            + "    timeout http-keep-alive 300s\n"
            + "    option http-keep-alive\n"
            + "    option forwardfor\n"
            + "    http-reuse always\n"
            + "frontend bench\n"
            + "    bind 127.0.0.1:"
            + port
            + "\n"
            + "    unique-id-format %{+X}o%ci%cp%fi%fp%Ts%rt%pid\n"
            + "    http-request set-header X-Request-Id %[unique-id]\n"
            + "    http-response set-header X-Request-Id %[unique-id]\n"
            + "    default_backend app\n"
            + "backend app\n"
            + "    server app 127.0.0.1:"
            + backendPort
            + "\n";
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, conf);
    return Subject.start(
        "HAProxy", port, dir.resolve("out.log"), "haproxy", "-db", "-f", file.toString());
  }

  /** relevo's proxy in its own JVM; {@code extraJvm} adds options such as a JFR recording. */
  Subject relevo(int port, int bluePort, int greenPort, List<String> extraJvm) throws IOException {
    Path dir = dir("relevo");
    List<String> command = new ArrayList<>();
    command.add("env"); // the proxy process's environment; env execs java, so the pid stays
    ProxyJvm.ENVIRONMENT.forEach((name, value) -> command.add(name + "=" + value));
    command.add(java());
    command.addAll(jvmOptions);
    command.addAll(extraJvm);
    command.addAll(
        List.of(
            "-cp",
            benchJar.toString(),
            BenchProxy.class.getName(),
            String.valueOf(threads),
            String.valueOf(port),
            String.valueOf(bluePort)));
    if (greenPort > 0) {
      command.add(String.valueOf(greenPort));
    }
    return Subject.start("relevo", port, dir.resolve("out.log"), command.toArray(String[]::new));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Subject nginx(String name, int port, Path dir, String conf) throws IOException {
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    return Subject.start(
        name, port, dir.resolve("out.log"), "nginx", "-p", dir.toString(), "-c", file.toString());
  }

  private static String common(Path dir, int workers) {
    return "daemon off;\nmaster_process on;\nworker_processes "
        + workers
        + ";\n"
        + "worker_rlimit_nofile 16384;\n"
        + "pid "
        + dir.resolve("nginx.pid")
        + ";\n"
        + "error_log "
        + dir.resolve("error.log")
        + " warn;\n"
        + "events {\n    worker_connections 8192;\n    use epoll;\n}\n";
  }

  private static String temps(Path dir) {
    StringBuilder paths = new StringBuilder();
    for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      paths
          .append("    ")
          .append(kind)
          .append("_temp_path ")
          .append(dir.resolve(kind))
          .append(";\n");
    }
    return paths.toString();
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
