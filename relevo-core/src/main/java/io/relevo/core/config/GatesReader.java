package io.relevo.core.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code gates} section. */
final class GatesReader {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HOURS =
      Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
  private static final String HOURS_EXPECTED =
      "HH:MM-HH:MM with the start before the end, like 10:00-14:00";
  private static final String DAYS_EXPECTED =
      "a list of days (mon, tue, wed, thu, fri, sat, sun) or ranges like tue-thu";
  private static final Map<String, SecretRule.Format> FORMATS = new LinkedHashMap<>();
  private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

  static {
    for (SecretRule.Format format : SecretRule.Format.values()) {
      FORMATS.put(format.key(), format);
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      DAYS.put(day.name().substring(0, 3).toLowerCase(Locale.ROOT), day);
    }
  }

  private GatesReader() {}

  static GatesConfig read(Value value) {
    MapReader gates = MapReader.open(value, List.of("secrets", "window", "approvals"), List.of());
    return new GatesConfig(
        secrets(gates.get("secrets")),
        window(gates.get("window")),
        approvals(gates.get("approvals")));
  }

  private static List<SecretRule> secrets(Value value) {
    List<SecretRule> rules = new ArrayList<>();
    if (!value.isSet()) {
      return rules;
    }
    if (!(value.node() instanceof YamlNode.Mapping mapping)) {
      value.problem(
          value.node().describe()
              + " (expected: a map of variable names to rules, like JWT_SECRET: {min_length: 32,"
              + " format: hex})");
      return rules;
    }
    for (YamlNode.Entry entry : mapping.entries()) {
      Value item =
          new Value(
              entry.value(),
              ConfigPaths.key(value.path(), entry.key()),
              entry.line(),
              value.context());
      if (!ENV_NAME.matcher(entry.key()).matches()) {
        item.problem("not a variable name (expected: letters, digits and _, like JWT_SECRET)");
        continue;
      }
      MapReader rule =
          MapReader.open(item, List.of("min_length", "format", "min_entropy"), List.of());
      Integer minLength = rule.get("min_length").integer(1, 100_000);
      SecretRule.Format format = rule.get("format").oneOf(FORMATS);
      Integer entropy = rule.get("min_entropy").integer(0, 100_000);
      rules.add(
          new SecretRule(
              entry.key(),
              minLength == null ? 1 : minLength,
              format,
              entropy == null ? 0 : entropy));
    }
    return rules;
  }

  private static Map<String, ApprovalPolicy> approvals(Value value) {
    Map<String, ApprovalPolicy> policies = new LinkedHashMap<>();
    if (!value.isSet()) {
      return policies;
    }
    if (!(value.node() instanceof YamlNode.Mapping mapping)) {
      value.problem(
          value.node().describe()
              + " (expected: a map of environments to policies, like production: {quorum: 2})");
      return policies;
    }
    for (YamlNode.Entry entry : mapping.entries()) {
      Value item =
          new Value(
              entry.value(),
              ConfigPaths.key(value.path(), entry.key()),
              entry.line(),
              value.context());
      MapReader policy =
          MapReader.open(item, List.of("quorum", "groups", "expire_after", "wait_for"), List.of());
      Integer quorum = policy.get("quorum").integer(1, 100);
      Map<String, java.util.Set<String>> groups = groups(policy.get("groups"));
      Duration expire = policy.get("expire_after").duration(false);
      Duration wait = policy.get("wait_for").duration(false);
      policies.put(
          entry.key(),
          new ApprovalPolicy(entry.key(), quorum == null ? 1 : quorum, groups, expire, wait));
    }
    return policies;
  }

  private static Map<String, java.util.Set<String>> groups(Value value) {
    Map<String, java.util.Set<String>> groups = new LinkedHashMap<>();
    if (!value.isSet()) {
      return groups;
    }
    if (!(value.node() instanceof YamlNode.Mapping mapping)) {
      value.problem(
          value.node().describe()
              + " (expected: a map of group names to people, like tech-leads: [ana, bob])");
      return groups;
    }
    for (YamlNode.Entry entry : mapping.entries()) {
      Value item =
          new Value(
              entry.value(),
              ConfigPaths.key(value.path(), entry.key()),
              entry.line(),
              value.context());
      List<String> people = item.strings("a list of people, like [ana, bob]");
      if (people != null && !people.isEmpty()) {
        groups.put(entry.key(), new java.util.LinkedHashSet<>(people));
      } else if (people != null) {
        item.problem("[] (expected: a list of people, like [ana, bob])");
      }
    }
    return groups;
  }

  private static DeployWindow window(Value value) {
    if (!value.isSet()) {
      return null;
    }
    MapReader window =
        MapReader.open(value, List.of("days", "hours", "zone", "freezes"), List.of());
    Set<DayOfWeek> days = days(window.get("days"));
    LocalTime[] hours = hours(window.get("hours"));
    ZoneId zone = zone(window.get("zone"));
    List<Freeze> freezes = freezes(window.get("freezes"));
    return new DeployWindow(
        days, hours == null ? null : hours[0], hours == null ? null : hours[1], zone, freezes);
  }

  private static Set<DayOfWeek> days(Value value) {
    List<String> names = value.strings(DAYS_EXPECTED);
    if (names == null) {
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String name : names) {
      String[] range = name.trim().toLowerCase(Locale.ROOT).split("\\s*-\\s*", -1);
      DayOfWeek first = day(range[0]);
      DayOfWeek last = range.length == 2 ? day(range[1]) : first;
      if (range.length > 2 || first == null || last == null) {
        value.problem(value.show(name) + " (expected: " + DAYS_EXPECTED + ")");
        return null;
      }
      for (DayOfWeek day = first; ; day = day.plus(1)) {
        days.add(day);
        if (day == last) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String name) {
    return name.length() < 3 ? null : DAYS.get(name.substring(0, 3));
  }

  private static LocalTime[] hours(Value value) {
    String text = value.text(HOURS_EXPECTED);
    if (text == null) {
      return null;
    }
    Matcher matcher = HOURS.matcher(text.trim());
    try {
      if (matcher.matches()) {
        LocalTime opens = time(matcher.group(1));
        LocalTime closes = matcher.group(2).equals("24:00") ? null : time(matcher.group(2));
        if (closes == null || closes.isAfter(opens)) {
          return new LocalTime[] {opens, closes};
        }
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    value.problem(value.show(text) + " (expected: " + HOURS_EXPECTED + ")");
    return null;
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text.length() == 4 ? "0" + text : text);
  }

  private static ZoneId zone(Value value) {
    String text = value.text("a time zone like UTC or Europe/Madrid");
    if (text == null) {
      return null;
    }
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      value.problem(
          "unknown zone "
              + value.show(text)
              + " (expected: an IANA zone like UTC, Europe/Madrid or America/New_York)");
      return null;
    }
  }

  private static List<Freeze> freezes(Value value) {
    List<Freeze> freezes = new ArrayList<>();
    for (Value item : value.items("a list of {from: 2026-12-20, to: 2027-01-06, reason: ...}")) {
      MapReader freeze = MapReader.open(item, List.of("from", "to", "reason"), List.of());
      LocalDate from = date(freeze.get("from").required("a date like 2026-12-20"));
      LocalDate to = date(freeze.get("to"));
      String reason = freeze.get("reason").text("a string");
      if (from == null) {
        continue;
      }
      to = to == null ? from : to;
      if (to.isBefore(from)) {
        freeze.get("to").problem(to + " (expected: on or after from, " + from + ")");
        continue;
      }
      freezes.add(new Freeze(from, to, reason));
    }
    return freezes;
  }

  private static LocalDate date(Value value) {
    String text = value.text("a date like 2026-12-20");
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      value.problem(value.show(text) + " (expected: a date like 2026-12-20)");
      return null;
    }
  }
}
