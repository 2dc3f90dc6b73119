package io.relevo.example.alojamientos;

/** Input the client must fix; answered with 400 and this message. */
final class BadRequest extends RuntimeException {
  BadRequest(String message) {
    super(message);
  }
}
