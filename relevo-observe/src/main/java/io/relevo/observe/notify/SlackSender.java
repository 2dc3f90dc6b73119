package io.relevo.observe.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relevo.core.config.NotifyChannel;
import io.relevo.core.notify.RolloutNotice;
import java.util.Map;

/** Slack's incoming webhook: {@code text} for notifications, a section block for the message. */
final class SlackSender implements ChannelSender<NotifyChannel.Slack> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void send(NotifyChannel.Slack channel, RolloutNotice notice) throws Exception {
    HttpPost.json(channel.webhookUrl(), payload(notice), Map.of());
  }

  static String payload(RolloutNotice notice) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    String title = emoji(notice) + " *" + MessageText.title(notice) + "*";
    root.put("text", MessageText.title(notice));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "section");
    header.putObject("text").put("type", "mrkdwn").put("text", title);
    ObjectNode body = blocks.addObject();
    body.put("type", "section");
    StringBuilder text = new StringBuilder();
    for (String line : MessageText.body(notice)) {
      text.append(
              line.startsWith("to roll back: ")
                  ? "to roll back: `" + line.substring(14) + "`"
                  : line)
          .append('\n');
    }
    body.putObject("text").put("type", "mrkdwn").put("text", text.toString().strip());
    return JSON.writeValueAsString(root);
  }

  private static String emoji(RolloutNotice notice) {
    return switch (notice.event()) {
      case STARTED -> ":rocket:";
      case PROMOTED -> ":white_check_mark:";
      case ROLLED_BACK -> ":rewind:";
      case FAILED -> ":x:";
      case WAITING_FOR_APPROVAL -> ":raised_hand:";
    };
  }
}
