package dev.pulseboard.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * config/alert-rules.json (defaults + per-tenant overrides) rendered
 * into SQL, so the jobs use exactly the thresholds the app shows:
 *   ${rule:login_spike.minFailures}           CASE tenant WHEN 'acme' THEN 30 ... ELSE 25 END
 *   ${rule:consumer_lag_rising.minLag:T.tenant} same, on another tenant column
 *   ${uniform:login_spike.windowMinutes}      one value (window sizes, pattern lengths must be
 *                                              constants in SQL; fails if tenants differ)
 *   ${uniform:login_spike.windowMinutes*baselineWindows}, ${uniform:x.consecutiveMinutes-1}
 *                                              the same, combined with another value or a number
 *   ${minutes:login_spike.windowMinutes*baselineWindows}
 *                                              a uniform number of minutes as an interval literal
 * Unknown tenants fall to the ELSE branch, i.e. the defaults.
 */
final class AlertRules {
  private static final Pattern REF = Pattern.compile("\\$\\{(rule|uniform|minutes):([a-z_]+)\\.([A-Za-z]+)(?:([-*])([A-Za-z]+|\\d+))?(?::([A-Za-z_.]+))?}");
  private static final Pattern TENANT_ID = Pattern.compile("^[a-z][a-z0-9-]*$");

  private final JsonNode defaults;
  private final Map<String, JsonNode> tenants = new LinkedHashMap<>();

  AlertRules(File file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file);
    defaults = root.path("defaults");
    if (!defaults.isObject()) throw new IllegalArgumentException(file + ": no \"defaults\" object");
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tenants").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      // Tenant ids are inlined as SQL literals: accept only the schema's id shape.
      if (!TENANT_ID.matcher(e.getKey()).matches()) throw new IllegalArgumentException(file + ": bad tenant id " + e.getKey());
      tenants.put(e.getKey(), e.getValue());
    }
  }

  String render(String sql) {
    Matcher m = REF.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String rule = m.group(2), param = m.group(3);
      String text;
      if (m.group(1).equals("rule")) text = caseExpr(rule, param, m.group(6) == null ? "tenant" : m.group(6));
      else {
        String v = m.group(4) == null ? uniform(rule, param)
            : combine(uniform(rule, param), m.group(4), m.group(5).matches("\\d+") ? m.group(5) : uniform(rule, m.group(5)));
        text = m.group(1).equals("uniform") ? v : intervalLiteral(Long.parseLong(v));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** DAY TO MINUTE: MINUTE alone has a 2-digit precision in Flink (at most 99). */
  private static String intervalLiteral(long minutes) {
    return String.format("INTERVAL '%d %02d:%02d' DAY TO MINUTE", minutes / 1440, minutes % 1440 / 60, minutes % 60);
  }

  private static String combine(String a, String op, String b) {
    long x = Long.parseLong(a), y = Long.parseLong(b);
    return Long.toString(op.equals("*") ? x * y : x - y);
  }

  private String defaultValue(String rule, String param) {
    JsonNode v = defaults.path(rule).path(param);
    if (!v.isNumber()) throw new IllegalArgumentException("alert rules: no numeric default for " + rule + "." + param);
    return v.asText();
  }

  private String valueFor(String tenant, String rule, String param) {
    JsonNode v = tenants.get(tenant).path(rule).path(param);
    return v.isNumber() ? v.asText() : defaultValue(rule, param);
  }

  private String caseExpr(String rule, String param, String column) {
    StringBuilder sb = new StringBuilder("(CASE ").append(column);
    for (String t : tenants.keySet()) sb.append(" WHEN '").append(t).append("' THEN ").append(valueFor(t, rule, param));
    return sb.append(" ELSE ").append(defaultValue(rule, param)).append(" END)").toString();
  }

  private String uniform(String rule, String param) {
    TreeSet<String> values = new TreeSet<>();
    values.add(defaultValue(rule, param));
    for (String t : tenants.keySet()) values.add(valueFor(t, rule, param));
    if (values.size() > 1)
      throw new IllegalArgumentException("alert rules: " + rule + "." + param + " differs between tenants " + values
          + "; the SQL job needs one value (it sizes a window / pattern)");
    return values.first();
  }
}
