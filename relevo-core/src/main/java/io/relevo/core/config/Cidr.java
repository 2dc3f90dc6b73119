package io.relevo.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A network as a CIDR, {@code 10.0.0.0/8} or {@code fd00::/8}; a plain address is the network of
 * that one host. Only IP literals are read: a host name would need a DNS lookup.
 *
 * @param network the address with the host bits as written
 * @param prefix the number of leading bits that must match
 */
public record Cidr(InetAddress network, int prefix) {

  private static final String EXPECTED = "a network like 10.0.0.0/8, 192.168.1.7 or fd00::/8";

  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0.." + bits + ")");
    }
  }

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (address.isEmpty() || !address.matches("[0-9a-fA-F.:]+") || !address.matches(".*[.:].*")) {
      throw invalid(text);
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(address); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw invalid(text);
    }
    int bits = network.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = trimmed.substring(slash + 1);
      if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bits) {
        throw invalid(text);
      }
      prefix = Integer.parseInt(digits);
    }
    return new Cidr(network, prefix);
  }

  /** Whether {@code address} is in this network; an IPv4 address is never in an IPv6 network. */
  public boolean contains(InetAddress address) {
    byte[] mine = network.getAddress();
    byte[] theirs = address.getAddress();
    if (mine.length != theirs.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (mine[i] != theirs[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest) & 0xFF;
    return (mine[full] & mask) == (theirs[full] & mask);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("\"" + text + "\" (expected: " + EXPECTED + ")");
  }
}
