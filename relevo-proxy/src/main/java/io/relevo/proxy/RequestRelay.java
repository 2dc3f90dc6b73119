package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * Carries one request's body to the revision. The body is held back until the request's headers are
 * on the revision's socket, then streams chunk by chunk; a full revision connection pauses the
 * client's reading. Holding back first is what lets a dead pooled connection be swapped for a fresh
 * one without losing a byte. Client reading pauses only once a chunk that is not the last is held
 * back: a request without a body (the common case) never touches the read switch, which costs an
 * epoll_ctl system call each way. Event-loop thread only.
 */
final class RequestRelay {

  private final ReadGate clientReads;
  // Made on the first chunk held back: most requests have no body, and an empty ArrayDeque is
  // still a 17-slot array.
  private ArrayDeque<HttpContent> pending;
  private Channel upstream;
  private boolean streaming;
  private boolean complete;
  private boolean lastWritten;
  private long bodyBytesSent;

  RequestRelay(ReadGate clientReads) {
    this.clientReads = clientReads;
  }

  /** A new connection to the revision takes the request; the body waits for its headers. */
  void attach(Channel upstream) {
    this.upstream = upstream;
    this.streaming = false;
  }

  /** The request's headers reached the socket: the body held back so far goes, the rest follows. */
  void headersWritten() {
    streaming = true;
    HttpContent content;
    while (pending != null && (content = pending.poll()) != null) {
      write(content);
    }
    upstream.flush();
    clientReads.release(ReadGate.UPSTREAM_NOT_READY);
  }

  /** A chunk of the body from the client. */
  void add(HttpContent content) {
    complete |= content instanceof LastHttpContent;
    if (streaming) {
      write(content);
    } else {
      held().add(content);
      if (!complete) {
        clientReads.hold(
            ReadGate.UPSTREAM_NOT_READY); // more body would pile up until the headers go
      }
    }
  }

  /** The client's read burst ended: push what it gave us. */
  void flush() {
    if (streaming) {
      upstream.flush();
    }
  }

  void upstreamWritabilityChanged() {
    if (upstream.isWritable()) {
      clientReads.release(ReadGate.UPSTREAM_FULL);
    } else {
      clientReads.hold(ReadGate.UPSTREAM_FULL);
    }
  }

  /** The client has sent the whole request. */
  boolean complete() {
    return complete;
  }

  /** The whole request has been written to the revision. */
  boolean sent() {
    return lastWritten;
  }

  /** Whether the revision may have seen any of the body. */
  boolean bodyStarted() {
    return bodyBytesSent > 0;
  }

  /** Whether the request's headers reached the revision's socket. */
  boolean headersSent() {
    return streaming;
  }

  /** Prepares to send the request again, on another connection; only valid with no body sent. */
  void rewind() {
    if (lastWritten && (pending == null || pending.isEmpty())) {
      held().add(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    lastWritten = false;
    streaming = false;
    upstream = null;
  }

  /** Releases what was held back; the exchange is over. */
  void discard() {
    HttpContent content;
    while (pending != null && (content = pending.poll()) != null) {
      content.release();
    }
  }

  private ArrayDeque<HttpContent> held() {
    if (pending == null) {
      pending = new ArrayDeque<>(4);
    }
    return pending;
  }

  private void write(HttpContent content) {
    bodyBytesSent += content.content().readableBytes();
    lastWritten |= content instanceof LastHttpContent;
    upstream.write(content, upstream.voidPromise());
    if (!upstream.isWritable()) {
      clientReads.hold(ReadGate.UPSTREAM_FULL);
    }
  }
}
