package io.relevo.checks;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Passes when a TCP connection to the endpoint opens within {@code probe.timeout()}. */
final class TcpProbe implements HealthProbe {

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    long start = System.nanoTime();
    int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, probe.timeout().toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMillis);
      return HealthResult.pass("TCP " + endpoint + " open", Http.since(start));
    } catch (SocketTimeoutException e) {
      return HealthResult.fail("timed out after " + Http.human(probe.timeout()), Http.since(start));
    } catch (ConnectException e) {
      return HealthResult.fail("connection refused", Http.since(start));
    } catch (IOException | IllegalArgumentException e) {
      return HealthResult.fail(
          "cannot connect to " + endpoint + ": " + e.getMessage(), Http.since(start));
    }
  }
}
