package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

  private static final int SIZE = 50 * TestBackend.MIB;

  private final ProxyFixture fixture = new ProxyFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aFiftyMegabyteRequestBodyReachesTheRevisionIntact() throws Exception {
    fixture.routeAll(1, fixture.backend(1));
    CRC32 sent = new CRC32();
    InputStream body = new PatternStream(SIZE, sent);

    HttpResponse<String> response =
        fixture.client.send(
            HttpRequest.newBuilder(fixture.uri("/upload"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> body)) // unknown length: chunked
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SIZE + " " + sent.getValue());
  }

  @Test
  void aFiftyMegabyteResponseBodyStreamsToTheClientBeforeTheRevisionHasSentIt() throws Exception {
    TestBackend backend = fixture.backend(1);
    fixture.routeAll(1, backend);
    CRC32 expected = new CRC32();
    new PatternStream(SIZE, expected).transferTo(java.io.OutputStream.nullOutputStream());

    HttpResponse<InputStream> response =
        fixture.client.send(
            HttpRequest.newBuilder(fixture.uri("/download?bytes=" + SIZE)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    CRC32 received = new CRC32();
    long length = 0;
    try (InputStream in = response.body()) {
      // The revision holds back everything after its first MiB until this client has that MiB.
      byte[] first = in.readNBytes(TestBackend.MIB);
      backend.releaseDownload();
      received.update(first);
      length += first.length;
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        received.update(buffer, 0, n);
        length += n;
      }
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(backend.downloadWaitedForRelease())
        .as("first MiB arrived while the revision waited")
        .isTrue();
    assertThat(length).isEqualTo(SIZE);
    assertThat(received.getValue()).isEqualTo(expected.getValue());
  }

  /** {@code size} bytes of {@link TestBackend#patternByte}, checksummed as they are read. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private final CRC32 crc;
    private long position;

    PatternStream(long size, CRC32 crc) {
      this.size = size;
      this.crc = crc;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = TestBackend.patternByte(position + i);
      }
      crc.update(buffer, offset, n);
      position += n;
      return n;
    }
  }
}
