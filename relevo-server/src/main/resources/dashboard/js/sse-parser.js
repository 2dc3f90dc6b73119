// Server-sent events as the HTML standard reads them: lines of `field: value`, a blank line ends
// a message, lines starting with `:` are comments (the agent's `: ping`).

export class SseParser {
  constructor() {
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.id = null;
    this.event = '';
    this.data = [];
  }

  /** Feeds a chunk of text; returns the messages it completed, as {id, event, data}. */
  feed(chunk) {
    this.buffer += chunk;
    const messages = [];
    let end;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      const width = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + width);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  line(line) {
    if (line === '') {
      if (this.data.length === 0) {
        this.reset();
        return null;
      }
      const message = {id: this.id, event: this.event || 'message', data: this.data.join('\n')};
      this.reset();
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') this.id = value;
    else if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}
